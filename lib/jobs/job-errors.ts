/**
 * Thrown by a handler when retrying cannot help (the input is wrong, the thing it acts on is gone):
 * the job goes straight to `dead` instead of burning its remaining attempts.
 */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/**
 * Thrown by a handler that failed and knows when trying again makes sense. It uses up an attempt;
 * for waiting that is not a failure (rate limits, a status still processing) throw `TryLaterError`
 * or call `ctx.snooze` instead.
 */
export class RetryJobLaterError extends Error {
  override name = 'RetryJobLaterError';
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}
