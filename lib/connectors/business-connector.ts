import 'server-only';
import { businessCredentials } from '@/lib/tiktok/business-messaging/client';
import { exchangeBusinessCode } from '@/lib/tiktok/business-messaging/exchange-business-code';
import { getBusinessAccount } from '@/lib/tiktok/business-messaging/get-business-account';
import { refreshBusinessToken } from '@/lib/tiktok/business-messaging/refresh-business-token';
import { revokeBusinessToken } from '@/lib/tiktok/business-messaging/revoke-business-token';
import { BUSINESS_SCOPES } from '@/lib/tiktok/business-messaging/scopes';
import { DEFAULT_RETRY } from '@/lib/tiktok/http/with-retry';
import { buildAuthorizeUrl } from '@/lib/tiktok/login-kit/build-authorize-url';
import {
  type AccountProfile,
  accountTokens,
  type Connector,
  grantedIdentity,
  type ProfileInput,
} from './connector';

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
    return { tokens: accountTokens(tokens), scopes: tokens.scopes, tiktokId: tokens.businessId };
  },
  requiredScopes: BUSINESS_SCOPES,
  discoverAccounts: grantedIdentity(fetchBusinessProfile),
  selection: 'all',
  fetchProfile: fetchBusinessProfile,
  refresh: async (refreshToken, { retry = DEFAULT_RETRY, signal }) =>
    accountTokens(await refreshBusinessToken(refreshToken, { ...retry, signal })),
  revoke: revokeBusinessToken,
  grantSharedBy: 'identity',
};

async function fetchBusinessProfile({ tiktokId, accessToken }: ProfileInput): Promise<AccountProfile> {
  const account = await getBusinessAccount({ accessToken, businessId: tiktokId });
  return {
    ...account,
    profileUrl: account.username ? `https://www.tiktok.com/@${account.username}` : null,
  };
}
