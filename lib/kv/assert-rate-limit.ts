import 'server-only';
import type { Redis } from '@upstash/redis';
import { AppError } from '@/lib/errors/app-error';
import { getRateLimiter } from './get-rate-limiter';
import { rateLimitIdentifier } from './rate-limit-identifier';
import { RATE_LIMIT_POLICIES, type RateLimitPolicyName } from './rate-limit-policies';
import { getRedis } from './redis';

export type AssertRateLimitOptions = {
  policy: RateLimitPolicyName;
  /** What the limit is keyed by, e.g. `[email, ip]`; hashed before it reaches Redis. */
  identifier: string | readonly string[];
  redis?: Redis;
};

export type RateLimitState = { limit: number; remaining: number; resetAt: Date } | { failedOpen: true };

function humanDelay(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Counts one attempt against `policy` and throws `AppError('rate_limited')` once the window is
 * used up. When Redis is down or slow it lets the request through with a warning: an outage of the
 * limiter must not become an outage of sign-in.
 */
export async function assertRateLimit({
  policy,
  identifier,
  redis = getRedis(),
}: AssertRateLimitOptions): Promise<RateLimitState> {
  let outcome: Awaited<ReturnType<ReturnType<typeof getRateLimiter>['limit']>>;
  try {
    outcome = await getRateLimiter(redis, policy).limit(rateLimitIdentifier(identifier));
  } catch (error) {
    console.warn(
      `[kv] rate limit "${policy}" skipped, Redis failed:`,
      error instanceof Error ? error.message : error,
    );
    return { failedOpen: true };
  }
  if (outcome.reason === 'timeout') {
    console.warn(`[kv] rate limit "${policy}" skipped, Redis timed out`);
    return { failedOpen: true };
  }
  if (!outcome.success) {
    const retryAfterSeconds = Math.max(1, Math.ceil((outcome.reset - Date.now()) / 1000));
    const { message } = RATE_LIMIT_POLICIES[policy];
    throw new AppError({
      code: 'rate_limited',
      message: `${message} Try again in ${humanDelay(retryAfterSeconds)}.`,
      retryAfterSeconds,
    });
  }
  return { limit: outcome.limit, remaining: outcome.remaining, resetAt: new Date(outcome.reset) };
}
