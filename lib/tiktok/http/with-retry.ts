import 'server-only';
import { isTikTokApiError } from './tiktok-api-error';

export type RetryPolicy = {
  /** Total attempts, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 200, maxDelayMs: 2000 };
export const NO_RETRY: RetryPolicy = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
      if (!retryable || index + 1 >= policy.attempts) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** index);
      await sleep(Math.random() * ceiling);
    }
  }
}
