import 'server-only';
import { getUserInfo } from '@/lib/tiktok/display/get-user-info';
import { DEFAULT_RETRY } from '@/lib/tiktok/http/with-retry';
import { buildAuthorizeUrl } from '@/lib/tiktok/login-kit/build-authorize-url';
import { loginKitCredentials } from '@/lib/tiktok/login-kit/client';
import { exchangeCode } from '@/lib/tiktok/login-kit/exchange-code';
import { refreshAccessToken } from '@/lib/tiktok/login-kit/refresh-access-token';
import { revokeAccessToken } from '@/lib/tiktok/login-kit/revoke-access-token';
import { CREATOR_SCOPES } from '@/lib/tiktok/login-kit/scopes';
import {
  type AccountProfile,
  accountTokens,
  type Connector,
  grantedIdentity,
  type ProfileInput,
} from './connector';

/** Creator accounts: Login Kit v2 (PKCE with TikTok's hex S256), profile from the Display API. */
export const creatorConnector: Connector = {
  kind: 'creator',
  authorizeUrl: ({ redirectUri, state, codeChallenge }) =>
    buildAuthorizeUrl({
      clientKey: loginKitCredentials().clientKey,
      scopes: CREATOR_SCOPES,
      redirectUri,
      state,
      codeChallenge,
    }),
  usesPkce: true,
  callbackCode: (params) => params.code,
  exchangeCode: async ({ code, redirectUri, codeVerifier }) => {
    const tokens = await exchangeCode({ code, redirectUri, codeVerifier: codeVerifier ?? '' });
    return { tokens: accountTokens(tokens), scopes: tokens.scopes, tiktokId: tokens.openId };
  },
  requiredScopes: CREATOR_SCOPES,
  discoverAccounts: grantedIdentity(fetchCreatorProfile),
  selection: 'all',
  fetchProfile: fetchCreatorProfile,
  refresh: async (refreshToken, { retry = DEFAULT_RETRY, signal }) =>
    accountTokens(await refreshAccessToken(refreshToken, { ...retry, signal })),
  revoke: revokeAccessToken,
  grantSharedBy: 'identity',
};

async function fetchCreatorProfile({ accessToken, scopes }: ProfileInput): Promise<AccountProfile> {
  const { openId: _openId, ...profile } = await getUserInfo({ accessToken, scopes });
  return profile;
}
