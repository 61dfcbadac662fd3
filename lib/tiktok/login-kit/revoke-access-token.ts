import 'server-only';
import { DEFAULT_RETRY } from '@/lib/tiktok/http/with-retry';
import { postOauthForm } from './client';

/** `POST /v2/oauth/revoke/` with the access token: the app disappears from the user's connected apps. */
export async function revokeAccessToken(accessToken: string): Promise<void> {
  // Revoking twice is harmless (unknown tokens also get `{}`), so it may be retried.
  await postOauthForm('/v2/oauth/revoke/', { token: accessToken }, () => undefined, DEFAULT_RETRY);
}
