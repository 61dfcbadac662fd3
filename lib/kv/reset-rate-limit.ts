import 'server-only';
import type { Redis } from '@upstash/redis';
import { getRateLimiter } from './get-rate-limiter';
import { rateLimitIdentifier } from './rate-limit-identifier';
import type { RateLimitPolicyName } from './rate-limit-policies';
import { getRedis } from './redis';

export type ResetRateLimitOptions = {
  policy: RateLimitPolicyName;
  identifier: string | readonly string[];
  redis?: Redis;
};

/** Forgets the attempts counted for `identifier`, e.g. after a successful sign-in. */
export async function resetRateLimit({
  policy,
  identifier,
  redis = getRedis(),
}: ResetRateLimitOptions): Promise<void> {
  await getRateLimiter(redis, policy).resetUsedTokens(rateLimitIdentifier(identifier));
}
