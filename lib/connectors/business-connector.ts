import 'server-only';
import { businessCredentials } from '@/lib/tiktok/business-messaging/client';
import { exchangeBusinessCode } from '@/lib/tiktok/business-messaging/exchange-business-code';
import { getBusinessAccount } from '@/lib/tiktok/business-messaging/get-business-account';
import { refreshBusinessToken } from '@/lib/tiktok/business-messaging/refresh-business-token';
import { revokeBusinessToken } from '@/lib/tiktok/business-messaging/revoke-business-token';
import type { BusinessTokens } from '@/lib/tiktok/business-messaging/schema';
import { BUSINESS_SCOPES } from '@/lib/tiktok/business-messaging/scopes';
import { DEFAULT_RETRY } from '@/lib/tiktok/http/with-retry';
import { buildAuthorizeUrl } from '@/lib/tiktok/login-kit/build-authorize-url';
import type { AccountTokens, Connector } from './connector';

/** Business accounts (DMs): `tt_user` OAuth on the business host, every messaging scope required. */
export const businessConnector: Connector = {
  kind: 'business',
  // Same consent page as Login Kit, with the Business app id as `client_key`; no PKCE.
  authorizeUrl: ({ redirectUri, state }) =>
    buildAuthorizeUrl({
      clientKey: businessCredentials().appId,
      scopes: BUSINESS_SCOPES,
      redirectUri,
      state,
    }),
  usesPkce: false,
  callbackCode: (params) => params.code,
  exchangeCode: async ({ code, redirectUri }) => {
    const tokens = await exchangeBusinessCode({ code, redirectUri });
    return { tokens: storedTokens(tokens), scopes: tokens.scopes, tiktokId: tokens.businessId };
  },
  requiredScopes: BUSINESS_SCOPES,
  discoverAccounts: async ({ tokens, scopes, tiktokId }) => [
    {
      tiktokId: tiktokId ?? '',
      profile: await businessConnector.fetchProfile({
        tiktokId: tiktokId ?? '',
        accessToken: tokens.accessToken,
        scopes,
      }),
    },
  ],
  selection: 'all',
  fetchProfile: async ({ tiktokId, accessToken }) => {
    const account = await getBusinessAccount({ accessToken, businessId: tiktokId });
    return {
      ...account,
      profileUrl: account.username ? `https://www.tiktok.com/@${account.username}` : null,
    };
  },
  refresh: async (refreshToken, { retry = DEFAULT_RETRY, signal }) =>
    storedTokens(await refreshBusinessToken(refreshToken, { ...retry, signal })),
  revoke: revokeBusinessToken,
  grantSharedBy: 'identity',
};

function storedTokens(tokens: BusinessTokens): AccountTokens {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
  };
}
