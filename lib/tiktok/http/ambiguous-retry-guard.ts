import 'server-only';
import { isTikTokApiError, TikTokApiError } from './tiktok-api-error';
import { type RetryPolicy, withRetry } from './with-retry';

/**
 * Retries a refresh, minding that refresh tokens rotate. When an attempt timed out or its
 * connection broke, TikTok may have rotated the token without us seeing the answer; a later
 * `invalid_grant`/40107 then says nothing about the grant, so it is reported as a transient failure
 * instead of "reconnect". If the token really is gone, the next refresh (with no such failure
 * before it) reports it properly.
 */
export function ambiguousRetryGuard<T>(retry: RetryPolicy, call: () => Promise<T>): Promise<T> {
  return withRetry(retry, async (previous) => {
    try {
      return await call();
    } catch (error) {
      // A reset connection is as ambiguous as a timeout: the request may have been processed.
      const unansweredBefore = previous.some(
        (e) => isTikTokApiError(e) && (e.code === 'timeout' || e.code === 'network_error'),
      );
      if (isTikTokApiError(error) && error.needsReconnect && unansweredBefore) {
        throw new TikTokApiError({
          surface: error.surface,
          status: error.status,
          code: 'refresh_outcome_unknown',
          message: 'A refresh got no answer and the retry was refused; the outcome is unknown.',
          retryable: false,
          cause: error,
        });
      }
      throw error;
    }
  });
}
