import 'server-only';
import type { z } from 'zod';
import { env } from '@/lib/env';
import { businessHostGet, businessHostPost, requireAppCredentials } from '@/lib/tiktok/http/business-host';
import type { RetryPolicy } from '@/lib/tiktok/http/with-retry';

export function adsCredentials() {
  return requireAppCredentials(
    'Ad accounts',
    ['TIKTOK_ADS_APP_ID', 'TIKTOK_ADS_APP_SECRET'],
    env.TIKTOK_ADS_APP_ID,
    env.TIKTOK_ADS_APP_SECRET,
  );
}

/** POST with `app_id` + `secret` in the JSON body (the Marketing API's names for client id and secret). */
export function marketingPost<S extends z.ZodType>(
  path: string,
  body: Record<string, unknown>,
  data: S,
  retry?: RetryPolicy,
): Promise<z.output<S>> {
  const { appId, secret } = adsCredentials();
  return businessHostPost('marketing', path, { app_id: appId, secret, ...body }, data, { retry });
}

/** GET with the token in its header: safe to repeat, so businessHostGet's default retry applies. */
export function marketingGet<S extends z.ZodType>(
  path: string,
  accessToken: string,
  query: Record<string, string>,
  data: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  return businessHostGet('marketing', path, accessToken, query, data, { signal });
}
