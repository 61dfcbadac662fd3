import 'server-only';
import { env } from '@/lib/env';
import { adsCredentials } from './client';

export type BuildPortalUrlOptions = { redirectUri: string; state: string };

/**
 * The advertiser consent page on `business-api.tiktok.com/portal/auth`. Permissions are chosen when
 * the app is configured, so there is no scope parameter; TikTok does not verify `state`, we do.
 */
export function buildPortalUrl({ redirectUri, state }: BuildPortalUrlOptions): string {
  const url = new URL('/portal/auth', env.TIKTOK_BUSINESS_API_BASE_URL);
  url.searchParams.set('app_id', adsCredentials().appId);
  url.searchParams.set('state', state);
  url.searchParams.set('redirect_uri', redirectUri);
  return url.toString();
}
