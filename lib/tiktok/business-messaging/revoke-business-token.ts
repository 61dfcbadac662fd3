import 'server-only';
import { z } from 'zod';
import { DEFAULT_RETRY } from '@/lib/tiktok/http/with-retry';
import { postTtUserOauth } from './client';

/** `tt_user/oauth2/revoke/`: kills every token of this app for the account and stops its webhooks. */
export async function revokeBusinessToken(accessToken: string): Promise<void> {
  await postTtUserOauth('tt_user/oauth2/revoke/', { access_token: accessToken }, z.unknown(), DEFAULT_RETRY);
}
