import 'server-only';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/tiktok/http/invalid-response';
import { TikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import { tiktokRequest } from '@/lib/tiktok/http/tiktok-request';
import type { RetryPolicy } from '@/lib/tiktok/http/with-retry';
import * as clock from '@/lib/time/clock';
import { type LoginKitTokens, loginKitTokenSchema, oauthErrorSchema } from './schema';

/** OAuth error categories where waiting and trying again can help. */
const RETRYABLE = new Set(['server_error', 'temporarily_unavailable']);

export function loginKitCredentials() {
  const clientKey = env.TIKTOK_CLIENT_KEY;
  const clientSecret = env.TIKTOK_CLIENT_SECRET;
  if (!clientKey || !clientSecret) {
    throw new AppError({
      code: 'service_unavailable',
      message: 'Creator accounts are not configured: set TIKTOK_CLIENT_KEY and TIKTOK_CLIENT_SECRET.',
    });
  }
  return { clientKey, clientSecret };
}

/**
 * Posts a form to `/v2/oauth/*` (client key + secret in the body, never HTTP Basic). TikTok has been
 * seen answering token errors with HTTP 200, so failure is decided by an `error` field or a missing
 * `access_token`, never by the status alone.
 */
export function postOauthForm<T>(
  path: string,
  form: Record<string, string>,
  decode: (json: unknown, status: number) => T,
  retry?: RetryPolicy,
): Promise<T> {
  const { clientKey, clientSecret } = loginKitCredentials();
  return tiktokRequest({
    surface: 'login-kit',
    method: 'POST',
    url: new URL(path, env.TIKTOK_OPEN_API_BASE_URL),
    // No documented limit on the OAuth endpoints: paced only in that a 429 slows the caller down.
    pace: { host: 'open-api', path, appId: clientKey },
    headers: { 'cache-control': 'no-cache' },
    body: { form: { client_key: clientKey, client_secret: clientSecret, ...form } },
    retry,
    decode: ({ status, json }) => {
      const error = oauthErrorSchema.safeParse(json);
      if (error.success) {
        throw new TikTokApiError({
          surface: 'login-kit',
          status,
          code: error.data.error,
          message: error.data.error_description ?? error.data.error,
          logId: error.data.log_id,
          retryable: RETRYABLE.has(error.data.error) || status >= 500,
          needsReconnect: error.data.error === 'invalid_grant',
        });
      }
      if (status >= 400) {
        throw new TikTokApiError({
          surface: 'login-kit',
          status,
          code: `http_${status}`,
          message: `HTTP ${status}`,
          retryable: status >= 500,
        });
      }
      return decode(json, status);
    },
  });
}

/** Token responses carry remaining seconds; we store absolute times (next-auth's provider got this wrong). */
export function decodeTokens(json: unknown, status: number, now = clock.nowMs()): LoginKitTokens {
  const data = parseOrThrow('login-kit', loginKitTokenSchema, json, status);
  return {
    openId: data.open_id,
    scopes: data.scope
      .split(',')
      .map((scope) => scope.trim())
      .filter(Boolean),
    accessToken: data.access_token,
    accessTokenExpiresAt: new Date(now + data.expires_in * 1000),
    refreshToken: data.refresh_token,
    refreshTokenExpiresAt: new Date(now + data.refresh_expires_in * 1000),
  };
}
