import 'server-only';
import type { z } from 'zod';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { decodeBusinessEnvelope } from '@/lib/tiktok/http/decode-business-envelope';
import { tiktokRequest } from '@/lib/tiktok/http/tiktok-request';
import { DEFAULT_RETRY, type RetryPolicy } from '@/lib/tiktok/http/with-retry';

const API_PREFIX = '/open_api/v1.3/';

export function adsCredentials() {
  const appId = env.TIKTOK_ADS_APP_ID;
  const secret = env.TIKTOK_ADS_APP_SECRET;
  if (!appId || !secret) {
    throw new AppError({
      code: 'service_unavailable',
      message: 'Ad accounts are not configured: set TIKTOK_ADS_APP_ID and TIKTOK_ADS_APP_SECRET.',
    });
  }
  return { appId, secret };
}

/** POST with `app_id` + `secret` in the JSON body (the Marketing API's names for client id and secret). */
export function marketingPost<S extends z.ZodType>(
  path: string,
  body: Record<string, unknown>,
  data: S,
  retry?: RetryPolicy,
): Promise<z.output<S>> {
  const { appId, secret } = adsCredentials();
  return tiktokRequest({
    surface: 'marketing',
    method: 'POST',
    url: new URL(`${API_PREFIX}${path}`, env.TIKTOK_BUSINESS_API_BASE_URL),
    body: { json: { app_id: appId, secret, ...body } },
    decode: decodeBusinessEnvelope('marketing', data),
    retry,
  });
}

/** GET with `Access-Token` (raw, no Bearer). Paths keep their trailing slash: without it TikTok answers 404. */
export function marketingGet<S extends z.ZodType>(
  path: string,
  accessToken: string,
  query: Record<string, string>,
  data: S,
): Promise<z.output<S>> {
  const url = new URL(`${API_PREFIX}${path}`, env.TIKTOK_BUSINESS_API_BASE_URL);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return tiktokRequest({
    surface: 'marketing',
    method: 'GET',
    url,
    headers: { 'access-token': accessToken },
    decode: decodeBusinessEnvelope('marketing', data),
    retry: DEFAULT_RETRY,
  });
}
