import 'server-only';
import { isTikTokApiError } from './tiktok-api-error';

export type RetryPolicy = {
  /** Total attempts, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * A deadline for the whole call: once aborted, the attempt in flight is cancelled and no further
   * attempt starts (a token refresh must end before its lock does).
   */
  signal?: AbortSignal;
};

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 200, maxDelayMs: 2000 };
export const NO_RETRY: RetryPolicy = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, throws something not retryable, or the attempts run out.
 * Delays grow exponentially with full jitter, so callers that failed together do not retry together.
 * `attempt` receives the errors of earlier attempts (a refresh uses them to spot an ambiguous timeout).
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  attempt: (previousErrors: readonly unknown[]) => Promise<T>,
): Promise<T> {
  const errors: unknown[] = [];
  for (let index = 0; ; index++) {
    try {
      return await attempt(errors);
    } catch (error) {
      errors.push(error);
      const retryable = isTikTokApiError(error) && error.retryable;
      if (!retryable || index + 1 >= policy.attempts || policy.signal?.aborted) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** index);
      await sleep(Math.random() * ceiling, policy.signal);
      if (policy.signal?.aborted) throw error;
    }
  }
}
