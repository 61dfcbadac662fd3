/**
 * The app's one source of "now". Use cases take `now` from here (usually as an option defaulting
 * to `now()`), never from `new Date()` directly, so tests and the sandbox's time travel can move
 * every clock together. The offset only ever moves where time travel is enabled (tests, e2e, dev):
 * production never calls `setClockOffset`. SQL that compares against the database's `now()` must
 * add `clockOffsetMs()` so both clocks agree.
 */
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

export function nowMs(): number {
  return Date.now() + offsetMs;
}

export function clockOffsetMs(): number {
  return offsetMs;
}

export function setClockOffset(ms: number): void {
  if (!Number.isFinite(ms)) throw new RangeError('clock offset must be a finite number of milliseconds');
  offsetMs = Math.trunc(ms);
}
