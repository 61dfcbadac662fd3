import 'server-only';
import { buildPortalUrl } from '@/lib/tiktok/marketing/build-portal-url';
import { exchangeAuthCode } from '@/lib/tiktok/marketing/exchange-auth-code';
import { getAdvertiserInfo } from '@/lib/tiktok/marketing/get-advertiser-info';
import { listAdvertisers } from '@/lib/tiktok/marketing/list-advertisers';
import { revokeAdsToken } from '@/lib/tiktok/marketing/revoke-ads-token';
import type { Advertiser } from '@/lib/tiktok/marketing/schema';
import type { AccountProfile, Connector } from './connector';

/**
 * Ad accounts: Marketing API portal consent. One long-term token (no expiry, no refresh) covers
 * every advertiser the user ticked on TikTok's page; the user then picks which ones to keep.
 */
export const adsConnector: Connector = {
  kind: 'ads',
  // Permissions are fixed in the app's settings, so there is no scope parameter.
  authorizeUrl: ({ redirectUri, state }) => buildPortalUrl({ redirectUri, state }),
  usesPkce: false,
  callbackCode: (params) => params.auth_code ?? params.code,
  exchangeCode: async ({ code }) => {
    const { accessToken } = await exchangeAuthCode(code);
    return {
      tokens: { accessToken, refreshToken: null, accessTokenExpiresAt: null, refreshTokenExpiresAt: null },
      scopes: [],
      tiktokId: null,
    };
  },
  requiredScopes: [],
  discoverAccounts: async ({ tokens: { accessToken } }) => {
    // advertiser/get is the authoritative list (access changes over time); info adds currency and zone.
    const listed = await listAdvertisers(accessToken);
    const info = await getAdvertiserInfo({ accessToken, advertiserIds: listed.map((a) => a.advertiserId) });
    return listed.map((item) => {
      const details = info.find((candidate) => candidate.advertiserId === item.advertiserId);
      return {
        tiktokId: item.advertiserId,
        profile: advertiserProfile(details ?? { ...item, currency: null, timeZone: null, status: null }),
      };
    });
  },
  selection: 'pick',
  fetchProfile: async ({ tiktokId, accessToken }) => {
    const [advertiser] = await getAdvertiserInfo({ accessToken, advertiserIds: [tiktokId] });
    return advertiser ? advertiserProfile(advertiser) : {};
  },
  refresh: null,
  revoke: revokeAdsToken,
  grantSharedBy: 'grant-id',
};

function advertiserProfile(advertiser: Advertiser): AccountProfile {
  return {
    displayName: advertiser.name,
    currency: advertiser.currency,
    timeZone: advertiser.timeZone,
    advertiserStatus: advertiser.status,
  };
}
