import 'server-only';
import type { z } from 'zod';
import { env } from '@/lib/env';
import { businessHostGet, businessHostPost, requireAppCredentials } from '@/lib/tiktok/http/business-host';
import type { RetryPolicy } from '@/lib/tiktok/http/with-retry';

export function businessCredentials() {
  return requireAppCredentials(
    'Business accounts',
    ['TIKTOK_BUSINESS_APP_ID', 'TIKTOK_BUSINESS_APP_SECRET'],
    env.TIKTOK_BUSINESS_APP_ID,
    env.TIKTOK_BUSINESS_APP_SECRET,
  );
}

/** POST to `tt_user/oauth2/*`: JSON body with `client_id` + `client_secret` (not Login Kit's `client_key`). */
export function postTtUserOauth<S extends z.ZodType>(
  path: string,
  body: Record<string, unknown>,
  data: S,
  retry?: RetryPolicy,
): Promise<z.output<S>> {
  const { appId, secret } = businessCredentials();
  return businessHostPost('business', path, { client_id: appId, client_secret: secret, ...body }, data, {
    retry,
  });
}

export function businessGet<S extends z.ZodType>(
  path: string,
  accessToken: string,
  query: Record<string, string>,
  data: S,
): Promise<z.output<S>> {
  return businessHostGet('business', path, accessToken, query, data);
}
