/**
 * Thrown by a handler when retrying cannot help (the input is wrong, the thing it acts on is gone):
 * the job goes straight to `dead` instead of burning its remaining attempts.
 */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** Thrown by a handler that knows when to try again (a provider's Retry-After, a busy lock). */
export class RetryJobLaterError extends Error {
  override name = 'RetryJobLaterError';
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}
