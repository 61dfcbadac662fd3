/**
 * Work that cannot happen yet for a reason that is not a failure: an outbound rate-limit bucket is
 * empty, TikTok answered 429 with Retry-After, a publish is still processing at TikTok. Code below a
 * job handler throws it; the job runner then snoozes the job for `delayMs` without using up an
 * attempt. In a request, transports answer 429/503 with `Retry-After`.
 */
export class TryLaterError extends Error {
  override name = 'TryLaterError';

  constructor(
    message: string,
    readonly delayMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isTryLaterError(error: unknown): error is TryLaterError {
  return error instanceof TryLaterError;
}
