import 'server-only';
import { env } from '@/lib/env';
import { getRedis } from '@/lib/kv/redis';
import { loadRateLimits } from './load-rate-limits';
import { createOutboundLimiter, type OutboundLimiter } from './outbound-limiter';

let cached: OutboundLimiter | undefined;

/** The app-wide limiter every TikTok request goes through, configured from env on first use. */
export function getOutboundLimiter(): OutboundLimiter {
  cached ??= createOutboundLimiter({
    redis: getRedis(),
    limits: loadRateLimits({ scale: env.TIKTOK_RATE_LIMIT_SCALE, buckets: env.TIKTOK_RATE_LIMITS }),
    maxWaitMs: env.TIKTOK_PACING_MAX_WAIT_MS,
    skewMs: env.TIKTOK_PACING_SKEW_MS,
    redisWaitMs: env.TIKTOK_PACING_REDIS_WAIT_MS,
  });
  return cached;
}
