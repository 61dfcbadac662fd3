/**
 * The app's one source of "now". Use cases take `now` from here (usually as an option defaulting
 * to `now()`), never from `new Date()` directly, so tests and the sandbox's time travel can move
 * every clock together. The offset only ever moves where time travel is enabled (tests, e2e, dev):
 * production never calls `setClockOffset`. SQL that compares against the database's `now()` must
 * add `clockOffsetMs()` so both clocks agree.
 */
// On globalThis: Next compiles instrumentation (the job ticker) and routes as separate bundles, and
// they must share one offset.
const state = globalThis as unknown as { tokdeskClockOffsetMs?: number };
const offset = () => state.tokdeskClockOffsetMs ?? 0;

export function now(): Date {
  return new Date(Date.now() + offset());
}

export function nowMs(): number {
  return Date.now() + offset();
}

export function clockOffsetMs(): number {
  return offset();
}

export function setClockOffset(ms: number): void {
  if (!Number.isFinite(ms)) throw new RangeError('clock offset must be a finite number of milliseconds');
  state.tokdeskClockOffsetMs = Math.trunc(ms);
}
