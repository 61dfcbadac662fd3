/**
 * TikTok's documented request limits, in one table. Every outbound call is paced against the
 * buckets its endpoint lists here (see `pace-target.ts`). Sources are the references in
 * `../shared/reference/`; change a number only with a source, or override it per deployment with
 * `TIKTOK_RATE_LIMITS` / `TIKTOK_RATE_LIMIT_SCALE` (see `load-rate-limits.ts`).
 */

/** Whose quota a bucket counts: the developer app's (shared by every workspace) or one access token's. */
export type BucketScope = 'app' | 'token';

export type BucketRule = {
  scope: BucketScope;
  /** Requests allowed in any window of `windowMs` (TikTok counts in sliding windows). */
  limit: number;
  windowMs: number;
  /**
   * Keep admissions evenly spaced (windowMs / limit apart) instead of allowing a burst of `limit`.
   * For per-second limits: a burst buys no one anything there, and arrives at TikTok bunched.
   */
  spread?: boolean;
};

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

export const RATE_LIMIT_BUCKETS = {
  // Display API: 600 requests per 1-minute sliding window, each endpoint counted on its own
  // (login-kit reference 7.1; per token as the sandbox and the issue model it, TikTok leaves it open).
  'display.user-info': { scope: 'token', limit: 600, windowMs: MINUTE },
  'display.video-list': { scope: 'token', limit: 600, windowMs: MINUTE },
  'display.video-query': { scope: 'token', limit: 600, windowMs: MINUTE },
  // Content Posting, per user access token (login-kit reference 4.1–4.8).
  'posting.creator-info': { scope: 'token', limit: 20, windowMs: MINUTE },
  'posting.video-init': { scope: 'token', limit: 6, windowMs: MINUTE },
  'posting.inbox-init': { scope: 'token', limit: 6, windowMs: MINUTE },
  'posting.content-init': { scope: 'token', limit: 6, windowMs: MINUTE },
  'posting.status-fetch': { scope: 'token', limit: 30, windowMs: MINUTE },
  // API for Business (business-api.tiktok.com/open_api/v1.3), per developer app across endpoints,
  // Basic tier: 10 QPS, 600 QPM (864,000 QPD never binds on its own). Marketing reference A7. The
  // same tier table covers the Business (tt_user, messaging) endpoints on that host [inference].
  'business-api.qps': { scope: 'app', limit: 10, windowMs: SECOND, spread: true },
  'business-api.qpm': { scope: 'app', limit: 600, windowMs: MINUTE },
  // Async report creation has its own, lower limit (marketing reference A5): 2 QPS, 60 QPM, 4,500 a day.
  'business-api.report-task-create.qps': { scope: 'app', limit: 2, windowMs: SECOND, spread: true },
  'business-api.report-task-create.qpm': { scope: 'app', limit: 60, windowMs: MINUTE },
  'business-api.report-task-create.qpd': { scope: 'app', limit: 4500, windowMs: DAY },
} as const satisfies Record<string, BucketRule>;

export type BucketName = keyof typeof RATE_LIMIT_BUCKETS;
export type RateLimitTable = Record<BucketName, BucketRule>;

/**
 * Open API paths (open.tiktokapis.com) and their buckets. A path missing here is refused by the
 * HTTP layer, so a new endpoint cannot go out unpaced by accident; `[]` means TikTok documents no
 * limit (calls still honour a 429 they meet).
 */
export const OPEN_API_ENDPOINT_BUCKETS: Record<string, readonly BucketName[]> = {
  '/v2/oauth/token/': [],
  '/v2/oauth/revoke/': [],
  '/v2/user/info/': ['display.user-info'],
  '/v2/video/list/': ['display.video-list'],
  '/v2/video/query/': ['display.video-query'],
  '/v2/post/publish/creator_info/query/': ['posting.creator-info'],
  '/v2/post/publish/video/init/': ['posting.video-init'],
  '/v2/post/publish/inbox/video/init/': ['posting.inbox-init'],
  '/v2/post/publish/content/init/': ['posting.content-init'],
  '/v2/post/publish/status/fetch/': ['posting.status-fetch'],
  '/v2/post/publish/cancel/': [],
};

/** Every business-host call counts against the app's tier; some paths add their own buckets. */
export const BUSINESS_API_APP_BUCKETS: readonly BucketName[] = ['business-api.qps', 'business-api.qpm'];
export const BUSINESS_API_PATH_BUCKETS: Record<string, readonly BucketName[]> = {
  'report/task/create/': [
    'business-api.report-task-create.qps',
    'business-api.report-task-create.qpm',
    'business-api.report-task-create.qpd',
  ],
};
