import 'server-only';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { clockOffsetMs, nowMs, setClockOffset } from './clock';

export type MoveAppClockOptions =
  /** Set the offset from real time (e.g. exactly the sandbox's offset). */
  | { offsetMs: number }
  /** Move forward (or back) from where the clock is, like the sandbox's own time travel. */
  | { days?: number; seconds?: number };

export type AppClock = { now: string; offsetMs: number };

/**
 * Time travel for tests and development: moves this process's clock (lib/time/clock.ts), which
 * every use case reads. Refused unless `TIME_TRAVEL=1`; production refuses to start with that set,
 * except under the end-to-end tests (`E2E=1`). Only this process moves: a separate `jobs:work`
 * worker keeps real time.
 */
export function moveAppClock(options: MoveAppClockOptions | null): AppClock {
  if (env.TIME_TRAVEL !== '1') {
    throw new AppError({ code: 'not_found', message: 'Time travel is not enabled (TIME_TRAVEL=1).' });
  }
  if (options) {
    setClockOffset(
      'offsetMs' in options
        ? options.offsetMs
        : clockOffsetMs() + ((options.days ?? 0) * 86_400 + (options.seconds ?? 0)) * 1000,
    );
  }
  return { now: new Date(nowMs()).toISOString(), offsetMs: clockOffsetMs() };
}
