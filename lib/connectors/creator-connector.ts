import 'server-only';
import { getUserInfo } from '@/lib/tiktok/display/get-user-info';
import { DEFAULT_RETRY } from '@/lib/tiktok/http/with-retry';
import { buildAuthorizeUrl } from '@/lib/tiktok/login-kit/build-authorize-url';
import { loginKitCredentials } from '@/lib/tiktok/login-kit/client';
import { exchangeCode } from '@/lib/tiktok/login-kit/exchange-code';
import { refreshAccessToken } from '@/lib/tiktok/login-kit/refresh-access-token';
import { revokeAccessToken } from '@/lib/tiktok/login-kit/revoke-access-token';
import type { LoginKitTokens } from '@/lib/tiktok/login-kit/schema';
import { CREATOR_SCOPES } from '@/lib/tiktok/login-kit/scopes';
import type { AccountTokens, Connector } from './connector';

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
    return { tokens: storedTokens(tokens), scopes: tokens.scopes, tiktokId: tokens.openId };
  },
  requiredScopes: CREATOR_SCOPES,
  discoverAccounts: async ({ tokens, scopes, tiktokId }) => [
    {
      tiktokId: tiktokId ?? '',
      profile: await creatorConnector.fetchProfile({
        tiktokId: tiktokId ?? '',
        accessToken: tokens.accessToken,
        scopes,
      }),
    },
  ],
  selection: 'all',
  fetchProfile: async ({ accessToken, scopes }) => {
    const { openId: _openId, ...profile } = await getUserInfo({ accessToken, scopes });
    return profile;
  },
  refresh: async (refreshToken, { retry = DEFAULT_RETRY, signal }) =>
    storedTokens(await refreshAccessToken(refreshToken, { ...retry, signal })),
  revoke: revokeAccessToken,
  grantSharedBy: 'identity',
};

function storedTokens(tokens: LoginKitTokens): AccountTokens {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
  };
}
