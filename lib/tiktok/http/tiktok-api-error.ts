import 'server-only';

/** Which TikTok API answered: each has its own envelope and error vocabulary. */
export type TikTokSurface = 'login-kit' | 'display' | 'business' | 'marketing';

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
  readonly logId?: string;

  constructor(options: TikTokApiErrorOptions) {
    super(`TikTok ${options.surface} ${options.code}: ${options.message}`, { cause: options.cause });
    this.name = 'TikTokApiError';
    this.surface = options.surface;
    this.status = options.status;
    this.code = options.code;
    this.retryable = options.retryable;
    this.needsReconnect = options.needsReconnect ?? false;
    this.logId = options.logId;
  }
}

export function isTikTokApiError(error: unknown): error is TikTokApiError {
  return error instanceof TikTokApiError;
}
