import 'server-only';
import type { z } from 'zod';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { decodeBusinessEnvelope } from '@/lib/tiktok/http/decode-business-envelope';
import { tiktokRequest } from '@/lib/tiktok/http/tiktok-request';
import { DEFAULT_RETRY, type RetryPolicy } from '@/lib/tiktok/http/with-retry';

export const API_PREFIX = '/open_api/v1.3/';

export function businessCredentials() {
  const appId = env.TIKTOK_BUSINESS_APP_ID;
  const secret = env.TIKTOK_BUSINESS_APP_SECRET;
  if (!appId || !secret) {
    throw new AppError({
      code: 'service_unavailable',
      message:
        'Business accounts are not configured: set TIKTOK_BUSINESS_APP_ID and TIKTOK_BUSINESS_APP_SECRET.',
    });
  }
  return { appId, secret };
}

/** POST to `tt_user/oauth2/*`: JSON body with `client_id` + `client_secret` (not Login Kit's `client_key`). */
export function postTtUserOauth<S extends z.ZodType>(
  path: string,
  body: Record<string, unknown>,
  data: S,
  retry?: RetryPolicy,
): Promise<z.output<S>> {
  const { appId, secret } = businessCredentials();
  return tiktokRequest({
    surface: 'business',
    method: 'POST',
    url: new URL(`${API_PREFIX}${path}`, env.TIKTOK_BUSINESS_API_BASE_URL),
    body: { json: { client_id: appId, client_secret: secret, ...body } },
    decode: decodeBusinessEnvelope('business', data),
    retry,
  });
}

/** GET with the raw token in `Access-Token`: no `Authorization`, no `Bearer ` prefix (that gives 40105). */
export function businessGet<S extends z.ZodType>(
  path: string,
  accessToken: string,
  query: Record<string, string>,
  data: S,
): Promise<z.output<S>> {
  const url = new URL(`${API_PREFIX}${path}`, env.TIKTOK_BUSINESS_API_BASE_URL);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return tiktokRequest({
    surface: 'business',
    method: 'GET',
    url,
    headers: { 'access-token': accessToken },
    decode: decodeBusinessEnvelope('business', data),
    retry: DEFAULT_RETRY,
  });
}
