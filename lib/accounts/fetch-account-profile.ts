import 'server-only';
import type { TikTokAccountKind } from '@/lib/db/schema';
import { getBusinessAccount } from '@/lib/tiktok/business-messaging/get-business-account';
import { getUserInfo } from '@/lib/tiktok/display/get-user-info';
import { getAdvertiserInfo } from '@/lib/tiktok/marketing/get-advertiser-info';
import type { AccountProfile } from './account-profile';

export type FetchAccountProfileOptions = {
  kind: TikTokAccountKind;
  tiktokId: string;
  accessToken: string;
  scopes: readonly string[];
};

/** Reads the profile of any kind from its own API: `user/info`, `business/get` or `advertiser/info`. */
export async function fetchAccountProfile({
  kind,
  tiktokId,
  accessToken,
  scopes,
}: FetchAccountProfileOptions): Promise<AccountProfile> {
  if (kind === 'creator') {
    const { openId: _openId, ...profile } = await getUserInfo({ accessToken, scopes });
    return profile;
  }
  if (kind === 'business') {
    const { ...profile } = await getBusinessAccount({ accessToken, businessId: tiktokId });
    return {
      ...profile,
      profileUrl: profile.username ? `https://www.tiktok.com/@${profile.username}` : null,
    };
  }
  const [advertiser] = await getAdvertiserInfo({ accessToken, advertiserIds: [tiktokId] });
  if (!advertiser) return {};
  return {
    displayName: advertiser.name,
    currency: advertiser.currency,
    timeZone: advertiser.timeZone,
    advertiserStatus: advertiser.status,
  };
}
