import { z } from 'zod';
import { AppError } from './app-error';
import { isTryLaterError } from './try-later-error';

/**
 * Normalises anything thrown into an AppError. Unknown errors become a generic 500 whose message
 * never carries the original text: that may hold SQL, tokens or stack details.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isTryLaterError(error)) {
    // Not a failure, and not the caller's fault: 503 with Retry-After. Its own message names
    // internals (endpoints, buckets), so the user gets a plain sentence.
    const seconds = Math.max(1, Math.ceil(error.delayMs / 1000));
    return new AppError({
      code: 'service_unavailable',
      message: `TikTok's rate limit is reached for now. Please try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
      retryAfterSeconds: seconds,
      cause: error,
    });
  }
  if (error instanceof z.ZodError) {
    const flat = z.flattenError(error);
    const first = error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    return new AppError({
      code: 'unprocessable_entity',
      message: first ? `${where}${first.message}` : 'The request is not valid.',
      fieldErrors: flat.fieldErrors as Record<string, string[]>,
      cause: error,
    });
  }
  return new AppError({
    code: 'internal_error',
    message: 'Something went wrong on our side. Please try again.',
    cause: error,
  });
}
