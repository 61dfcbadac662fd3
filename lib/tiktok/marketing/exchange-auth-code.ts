import 'server-only';
import { marketingPost } from './client';
import { adsTokenSchema } from './schema';

export type AdsGrant = { accessToken: string; advertiserIds: string[] };

/**
 * `oauth2/access_token/`: a long-term token with no expiry and no refresh. It dies only when the
 * advertiser cancels or we revoke it. Single-use code, so never retried.
 */
export async function exchangeAuthCode(authCode: string): Promise<AdsGrant> {
  const data = await marketingPost('oauth2/access_token/', { auth_code: authCode }, adsTokenSchema);
  return { accessToken: data.access_token, advertiserIds: data.advertiser_ids };
}
