import type { TikTokAccount, TikTokAccountKind } from '@/lib/db/schema';
import type { RetryPolicy } from '@/lib/tiktok/http/with-retry';

/** The profile columns a connect or a profile refresh writes; the rest of the row is left alone. */
export type AccountProfile = Partial<
  Pick<
    TikTokAccount,
    | 'displayName'
    | 'username'
    | 'avatarUrl'
    | 'profileUrl'
    | 'isVerified'
    | 'followerCount'
    | 'followingCount'
    | 'likesCount'
    | 'videoCount'
    | 'currency'
    | 'timeZone'
    | 'advertiserStatus'
  >
>;

/** A token pair as stored: absolute expiries; null where the kind has no timer or no refresh token. */
export type AccountTokens = {
  accessToken: string;
  refreshToken: string | null;
  accessTokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
};

/** What a code exchange yields: the tokens, the scopes the user really granted, and whose they are. */
export type ConnectorGrant = {
  tokens: AccountTokens;
  scopes: string[];
  /** The one identity a creator or business grant is for; null when the grant covers several (ads). */
  tiktokId: string | null;
};

/** An identity the grant reaches, with its profile: the account row a connect creates. */
export type DiscoveredAccount = { tiktokId: string; profile: AccountProfile };

export type ProfileInput = { tiktokId: string; accessToken: string; scopes: readonly string[] };

export type RefreshOptions = {
  retry?: RetryPolicy;
  /** Aborts the whole refresh, retries included (the refresh lock's deadline). */
  signal?: AbortSignal;
};

/**
 * Everything that differs between account kinds, in one place: a use case picks the connector
 * for the row's kind and never branches on the kind itself. See `CONNECTORS`.
 */
export type Connector = {
  kind: TikTokAccountKind;
  /** TikTok's consent page; `codeChallenge` is present exactly when `usesPkce`. */
  authorizeUrl: (input: { redirectUri: string; state: string; codeChallenge?: string }) => string;
  usesPkce: boolean;
  /** The authorization code in the callback's query (the Marketing API calls it `auth_code`). */
  callbackCode: (params: Record<string, string | undefined>) => string | undefined;
  /** Single-use code → tokens; never retried. */
  exchangeCode: (input: {
    code: string;
    redirectUri: string;
    codeVerifier: string | null;
  }) => Promise<ConnectorGrant>;
  /** Scopes a connection must have; TikTok lets the user untick any of them. */
  requiredScopes: readonly string[];
  /** The accounts the new grant reaches, with profiles. */
  discoverAccounts: (grant: ConnectorGrant) => Promise<DiscoveredAccount[]>;
  /** `pick`: the user chooses which discovered accounts to keep (ads); `all`: connect at once. */
  selection: 'all' | 'pick';
  fetchProfile: (input: {
    tiktokId: string;
    accessToken: string;
    scopes: readonly string[];
  }) => Promise<AccountProfile>;
  /** Null for kinds whose tokens never expire (ads). Refresh tokens rotate: persist both from the answer. */
  refresh: ((refreshToken: string, options: RefreshOptions) => Promise<AccountTokens>) | null;
  revoke: (accessToken: string) => Promise<void>;
  /**
   * Which other rows use the same TikTok grant: `identity` (same kind and TikTok id, in any
   * workspace) or `grant-id` (every advertiser kept from one ads consent).
   */
  grantSharedBy: 'identity' | 'grant-id';
};

/** Creator and business grants are for exactly the one identity their token answer names. */
export function grantedIdentity(fetchProfile: Connector['fetchProfile']): Connector['discoverAccounts'] {
  return async ({ tokens, scopes, tiktokId }) => {
    if (!tiktokId) throw new Error('the token answer named no account');
    return [{ tiktokId, profile: await fetchProfile({ tiktokId, accessToken: tokens.accessToken, scopes }) }];
  };
}

/** The stored part of a client's token answer (which also carries ids and scopes). */
export function accountTokens(answer: AccountTokens): AccountTokens {
  const { accessToken, refreshToken, accessTokenExpiresAt, refreshTokenExpiresAt } = answer;
  return { accessToken, refreshToken, accessTokenExpiresAt, refreshTokenExpiresAt };
}
