/** Per-token, per-endpoint limits per minute, as TikTok documents them. */
export const RATE_LIMITS: Record<string, number> = {
  'open-api.user.info': 600,
  'open-api.video.list': 600,
  'open-api.video.query': 600,
  'open-api.creator-info': 20,
  'open-api.video.init': 6,
  'open-api.inbox.init': 6,
  'open-api.content.init': 6,
  'open-api.status.fetch': 30,
};

const WINDOW_MS = 60_000;

/** Sliding one-minute windows on the sandbox clock, so time travel also frees a throttled token. */
export class RateLimiter {
  private hits = new Map<string, number[]>();

  /** Records a hit and says whether it is allowed. */
  hit(endpoint: string, token: string, nowMs: number): boolean {
    const limit = RATE_LIMITS[endpoint];
    if (limit === undefined) return true;
    const key = `${endpoint}:${token}`;
    const recent = (this.hits.get(key) ?? []).filter((at) => at > nowMs - WINDOW_MS);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(nowMs);
    this.hits.set(key, recent);
    return true;
  }

  clear() {
    this.hits.clear();
  }
}
