import { z } from 'zod';
import { AppError } from './app-error';

/**
 * Normalises anything thrown into an AppError. Unknown errors become a generic 500 whose message
 * never carries the original text: that may hold SQL, tokens or stack details.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
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
