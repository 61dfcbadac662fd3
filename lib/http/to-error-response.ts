import { toAppError } from '@/lib/errors/to-app-error';
import { logError } from '@/lib/log/log-error';

/** The one place an error becomes an HTTP response: `{ error: { code, message, fieldErrors? } }`. */
export function toErrorResponse(error: unknown, context: string): Response {
  const appError = toAppError(error);
  if (appError.status >= 500) logError(context, error);
  const headers = new Headers({ 'cache-control': 'no-store' });
  if (appError.retryAfterSeconds !== undefined)
    headers.set('retry-after', String(Math.max(1, Math.ceil(appError.retryAfterSeconds))));
  return Response.json(
    {
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.fieldErrors ? { fieldErrors: appError.fieldErrors } : {}),
      },
    },
    { status: appError.status, headers },
  );
}
