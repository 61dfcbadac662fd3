/** Thrown by `withLock` when the lock stayed held for the whole wait. Not an AppError: callers decide what the user sees. */
export class LockTimeoutError extends Error {
  readonly key: string;
  readonly waitedMs: number;

  constructor(key: string, waitedMs: number) {
    super(`Lock "${key}" was still held after waiting ${waitedMs} ms`);
    this.name = 'LockTimeoutError';
    this.key = key;
    this.waitedMs = waitedMs;
  }
}
