/** Who shares a bucket: one per access token, per app, or per advertiser. */
export type RateScope = 'token' | 'app' | 'advertiser';

export type RateRule = {
  id: string;
  /** Route endpoint names; a trailing `*` matches a prefix (`marketing.*`). */
  endpoints: string[];
  per: RateScope;
  limit: number;
  windowMs: number;
  enabled: boolean;
  /** Where the number comes from. */
  source: string;
};

const MINUTE = 60_000;
const perToken = (id: string, limit: number, source: string): RateRule => ({
  id,
  endpoints: [id],
  per: 'token',
  limit,
  windowMs: MINUTE,
  enabled: true,
  source,
});

/**
 * TikTok's documented limits. Open API limits are per user access token and per endpoint, in a
 * one-minute sliding window. Marketing API tiers are per developer app across every endpoint of
 * the business host (Basic tier: 10 QPS, 600 QPM, 864,000 QPD). The references give no number for
 * the per-advertiser report limit (40133) and do not say whether Business Messaging apps share the
 * tiers, so those rules exist but start disabled.
 */
export function defaultRateRules(): RateRule[] {
  const display = 'Login Kit reference 7.1 (600/min sliding window; per token assumed)';
  const posting = 'Login Kit reference 4.8 (per user token)';
  const tier = 'Marketing reference A7 (Basic tier, per app)';
  return [
    perToken('open-api.user.info', 600, display),
    perToken('open-api.video.list', 600, display),
    perToken('open-api.video.query', 600, display),
    perToken('open-api.creator-info', 20, posting),
    perToken('open-api.video.init', 6, posting),
    perToken('open-api.inbox.init', 6, posting),
    perToken('open-api.content.init', 6, posting),
    perToken('open-api.status.fetch', 30, posting),
    ...['qps', 'qpm', 'qpd'].map(
      (unit, i): RateRule => ({
        id: `marketing.app.${unit}`,
        endpoints: ['marketing.*'],
        per: 'app',
        limit: [10, 600, 864_000][i] ?? 0,
        windowMs: [1000, MINUTE, 86_400_000][i] ?? 0,
        enabled: true,
        source: tier,
      }),
    ),
    {
      id: 'marketing.report.advertiser',
      endpoints: ['marketing.report.integrated'],
      per: 'advertiser',
      limit: 5,
      windowMs: 1000,
      enabled: false,
      source: 'Marketing reference A4/A7 (40133; number undocumented, sandbox choice)',
    },
    ...['qps', 'qpm'].map(
      (unit, i): RateRule => ({
        id: `business.app.${unit}`,
        endpoints: ['business.*'],
        per: 'app',
        limit: [10, 600][i] ?? 0,
        windowMs: [1000, MINUTE][i] ?? 0,
        enabled: false,
        source: `${tier}; undocumented for Business Messaging, off by default`,
      }),
    ),
  ];
}
