import 'server-only';
import { getOutboundLimiter } from '@/lib/tiktok/pacing/get-outbound-limiter';
import type { PaceTarget } from '@/lib/tiktok/pacing/pace-target';
import { isTikTokApiError, type RateLimitScope } from './tiktok-api-error';

/**
 * Runs one TikTok request under the outbound limiter: capacity first (waiting briefly, or
 * `TryLaterError`), then the call. A rate-limit answer slows the request's buckets down and becomes
 * a `TryLaterError` with the delay until capacity is back, so jobs snooze instead of failing.
 */
export async function paced<T>(pace: PaceTarget, signal: AbortSignal | undefined, call: () => Promise<T>) {
  const limiter = getOutboundLimiter();
  await limiter.acquire(pace, { signal });
  try {
    return await call();
  } catch (error) {
    const scope = rateLimitScope(error, pace);
    if (!scope || !isTikTokApiError(error)) throw error;
    throw await limiter.slowDown(pace, { scope, retryAfterMs: error.retryAfterMs }, error);
  }
}

/** What a 429 without a TikTok code means on each host: per token on open.tiktokapis.com, per app on the business host. */
function rateLimitScope(error: unknown, pace: PaceTarget): RateLimitScope | null {
  if (!isTikTokApiError(error)) return null;
  if (error.rateLimit) return error.rateLimit;
  if (error.status !== 429) return null;
  return pace.host === 'business-api' ? 'app' : 'token';
}

/** `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
