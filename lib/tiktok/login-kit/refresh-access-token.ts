import 'server-only';
import { ambiguousRetryGuard } from '@/lib/tiktok/http/ambiguous-retry-guard';
import { DEFAULT_RETRY, type RetryPolicy } from '@/lib/tiktok/http/with-retry';
import { decodeTokens, postOauthForm } from './client';
import type { LoginKitTokens } from './schema';

/**
 * `grant_type=refresh_token`. TikTok rotates the refresh token on every success (the old one dies at
 * once), so the caller must persist both tokens from the answer.
 */
export function refreshAccessToken(
  refreshToken: string,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<LoginKitTokens> {
  return ambiguousRetryGuard(retry, () =>
    postOauthForm(
      '/v2/oauth/token/',
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      (json, status) => decodeTokens(json, status),
    ),
  );
}
