import { ApiError, CODES } from '../business/api-error';

export type RateLimitConfig = {
  /** App-level limits (40100); null = unlimited. TikTok's Basic tier is 10 QPS / 600 QPM. */
  qps: number | null;
  qpm: number | null;
  /** Per-advertiser limit on report/integrated/get/ (40133); null = unlimited. */
  reportQpsPerAdvertiser: number | null;
};

export const UNLIMITED: RateLimitConfig = { qps: null, qpm: null, reportQpsPerAdvertiser: null };

/**
 * Sliding-window counters on the real clock (time travel must not refill a quota). TikTok signals
 * exhaustion only in the body: no Retry-After, no X-RateLimit headers.
 */
export class RateLimiter {
  config: RateLimitConfig = { ...UNLIMITED };
  private hits = new Map<string, number[]>();

  private count(key: string, windowMs: number, now: number) {
    const kept = (this.hits.get(key) ?? []).filter((at) => now - at < 60_000);
    this.hits.set(key, kept);
    return kept.filter((at) => now - at < windowMs).length;
  }

  checkApp(appId: string, now = Date.now()) {
    const key = `app:${appId}`;
    const { qps, qpm } = this.config;
    if (
      (qps !== null && this.count(key, 1000, now) >= qps) ||
      (qpm !== null && this.count(key, 60_000, now) >= qpm)
    )
      throw new ApiError(CODES.rateLimited, 'Too many requests. Please retry in some time.');
    this.hits.get(key)?.push(now);
  }

  checkAdvertiser(advertiserId: string, now = Date.now()) {
    const key = `adv:${advertiserId}`;
    const limit = this.config.reportQpsPerAdvertiser;
    if (limit !== null && this.count(key, 1000, now) >= limit)
      throw new ApiError(
        CODES.advertiserRateLimited,
        `Too many requests for advertiser ${advertiserId} on this path.`,
      );
    this.hits.get(key)?.push(now);
  }

  reset() {
    this.config = { ...UNLIMITED };
    this.hits.clear();
  }
}
