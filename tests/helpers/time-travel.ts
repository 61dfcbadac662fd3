import { setClockOffset } from '@/lib/time/clock';
import type { RunningSandbox } from '@/sandbox/server';

/**
 * Integration tests run the app's code and the sandbox in one process: move the sandbox's clock
 * and set the app clock (lib/time/clock.ts) to the same offset. `resetClocks` in afterEach.
 */
export function travelInTime(
  sandbox: RunningSandbox,
  { days = 0, seconds = 0 }: { days?: number; seconds?: number },
) {
  sandbox.ctx.clock.travel((days * 86_400 + seconds) * 1000);
  setClockOffset(sandbox.ctx.clock.offset);
  return sandbox.ctx.clock.offset;
}

export function resetClocks(sandbox: RunningSandbox) {
  sandbox.ctx.clock.reset();
  setClockOffset(0);
}
