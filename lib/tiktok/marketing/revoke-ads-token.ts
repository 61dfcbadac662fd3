import 'server-only';
import { z } from 'zod';
import { DEFAULT_RETRY } from '@/lib/tiktok/http/with-retry';
import { marketingPost } from './client';

/** `oauth2/revoke_token/`: the token stops working for every advertiser it covered. */
export async function revokeAdsToken(accessToken: string): Promise<void> {
  await marketingPost('oauth2/revoke_token/', { access_token: accessToken }, z.unknown(), DEFAULT_RETRY);
}
