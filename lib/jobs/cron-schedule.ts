import { Cron } from 'croner';

/**
 * Cron arithmetic in a time zone, by croner (a maintained, dependency-free parser): five fields
 * (minute hour day-of-month month day-of-week), or six with seconds first. Across DST it behaves
 * like Vixie cron: a fixed time inside a spring-forward gap runs at the first valid time after it,
 * and a time repeated at fall-back runs once.
 */
export function nextOccurrence(cron: string, timeZone: string, after: Date): Date {
  const next = parseCron(cron, timeZone).nextRun(after);
  if (!next) throw new InvalidScheduleError(`"${cron}" never occurs again.`);
  return next;
}

/** Throws `InvalidScheduleError` with a sentence a person understands when either part is wrong. */
export function validateSchedule(cron: string, timeZone: string): void {
  parseCron(cron, timeZone);
}

export class InvalidScheduleError extends Error {
  override name = 'InvalidScheduleError';
}

function parseCron(cron: string, timeZone: string): Cron {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
  } catch {
    throw new InvalidScheduleError(`"${timeZone}" is not an IANA time zone (like Europe/Berlin).`);
  }
  try {
    return new Cron(cron.trim(), { timezone: timeZone, mode: '5-or-6-parts', paused: true });
  } catch (error) {
    throw new InvalidScheduleError(
      `"${cron}" is not a cron expression (minute hour day month weekday): ${error instanceof Error ? error.message : error}`,
    );
  }
}
