import 'server-only';

/** Which TikTok API answered: each has its own envelope and error vocabulary. */
export type TikTokSurface = 'login-kit' | 'display' | 'content-posting' | 'business' | 'marketing';

/** Whose quota a rate-limit error is about (see lib/tiktok/pacing). */
export type RateLimitScope = 'app' | 'token' | 'advertiser';

export type TikTokApiErrorOptions = {
  surface: TikTokSurface;
  /** HTTP status; 0 when no response arrived (timeout, connection refused). */
  status: number;
  /** TikTok's own code (`invalid_grant`, `access_token_invalid`, `40105`…), or ours for transport failures. */
  code: string;
  /** TikTok's message; never contains the tokens we sent. */
  message: string;
  retryable: boolean;
  /** The grant behind the call is dead: the account must be reconnected. */
  needsReconnect?: boolean;
  /** TikTok said "too many requests" (429, `rate_limit_exceeded`, 40100…): the HTTP layer slows down. */
  rateLimit?: RateLimitScope;
  /** From a `Retry-After` header, when one came. */
  retryAfterMs?: number;
  /**
   * TikTok may have carried the request out although we saw no success: a timeout or a dropped
   * connection after sending, a 5xx, or a 2xx we could not read. A non-idempotent call (a publish
   * init) must then be reconciled, never blindly repeated. Defaults to `status >= 500`.
   */
  outcomeUnknown?: boolean;
  logId?: string;
  cause?: unknown;
};

/**
 * The one error every TikTok client throws, whatever the surface. `retryable` tells the retry
 * loop and the token service whether trying again later can help; `needsReconnect` tells them the
 * user has to authorize again.
 */
export class TikTokApiError extends Error {
  readonly surface: TikTokSurface;
  readonly status: number;
  readonly code: string;
  readonly retryable: boolean;
  readonly needsReconnect: boolean;
  readonly rateLimit?: RateLimitScope;
  /** Mutable: the HTTP layer adds it from the response headers, which decoders do not see. */
  retryAfterMs?: number;
  readonly outcomeUnknown: boolean;
  readonly logId?: string;

  constructor(options: TikTokApiErrorOptions) {
    super(`TikTok ${options.surface} ${options.code}: ${options.message}`, { cause: options.cause });
    this.name = 'TikTokApiError';
    this.surface = options.surface;
    this.status = options.status;
    this.code = options.code;
    this.retryable = options.retryable;
    this.needsReconnect = options.needsReconnect ?? false;
    this.rateLimit = options.rateLimit;
    this.retryAfterMs = options.retryAfterMs;
    this.outcomeUnknown = options.outcomeUnknown ?? options.status >= 500;
    this.logId = options.logId;
  }
}

export function isTikTokApiError(error: unknown): error is TikTokApiError {
  return error instanceof TikTokApiError;
}
