import 'server-only';
import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis';
import { RATE_LIMIT_POLICIES, type RateLimitPolicy, type RateLimitPolicyName } from './rate-limit-policies';

/** Past this, a slow Redis lets the request through rather than holding the user up. */
const LIMIT_TIMEOUT_MS = 1000;

// One limiter per client and policy: each carries an in-process cache of identifiers it has already blocked.
const limiters = new WeakMap<Redis, Map<RateLimitPolicyName, Ratelimit>>();

export function getRateLimiter(redis: Redis, policy: RateLimitPolicyName): Ratelimit {
  let byPolicy = limiters.get(redis);
  if (!byPolicy) {
    byPolicy = new Map();
    limiters.set(redis, byPolicy);
  }
  const existing = byPolicy.get(policy);
  if (existing) return existing;

  const { attempts, window, keyPrefix, ...rest } = RATE_LIMIT_POLICIES[policy] as RateLimitPolicy;
  const limiter = new Ratelimit({
    redis,
    limiter:
      rest.algorithm === 'fixed'
        ? Ratelimit.fixedWindow(attempts, window)
        : Ratelimit.slidingWindow(attempts, window),
    prefix: keyPrefix,
    timeout: LIMIT_TIMEOUT_MS,
    analytics: false,
  });
  byPolicy.set(policy, limiter);
  return limiter;
}
