import 'server-only';
import type { Db } from '@/lib/db/types';
import { getUserInfo } from '@/lib/tiktok/display/get-user-info';
import { exchangeCode } from '@/lib/tiktok/login-kit/exchange-code';
import type { LoginKitTokens } from '@/lib/tiktok/login-kit/schema';
import { CREATOR_SCOPES } from '@/lib/tiktok/login-kit/scopes';
import { ConnectError } from './connect-errors';
import { connectRedirectUri } from './connect-urls';
import type { ConsumedState } from './consume-oauth-state';
import { saveTiktokAccount } from './save-tiktok-account';

export type CompleteCreatorConnectionOptions = { state: ConsumedState; code: string; ip?: string | null };

/** Login Kit callback after the state checked out: code → tokens → scope check → user/info → save. */
export async function completeCreatorConnection(
  db: Db,
  { state, code, ip }: CompleteCreatorConnectionOptions,
) {
  let tokens: LoginKitTokens;
  try {
    tokens = await exchangeCode({
      code,
      redirectUri: connectRedirectUri('creator'),
      codeVerifier: state.codeVerifier ?? '',
    });
  } catch (error) {
    throw new ConnectError('token_exchange_failed', { cause: error });
  }
  // Every scope on TikTok's consent page can be unticked; `scope` in the token answer is the truth.
  const missingScopes = CREATOR_SCOPES.filter((scope) => !tokens.scopes.includes(scope));
  // Nothing is revoked on failure: the grant is per app and user, so revoking would also cut a
  // connection of the same creator that is already working.
  if (missingScopes.length > 0) throw new ConnectError('ungranted_scopes', { missingScopes });

  let profile: Awaited<ReturnType<typeof getUserInfo>>;
  try {
    profile = await getUserInfo({ accessToken: tokens.accessToken, scopes: tokens.scopes });
  } catch (error) {
    throw new ConnectError('profile_failed', { cause: error });
  }
  const { openId: _openId, ...fields } = profile;
  return saveTiktokAccount(db, {
    workspaceId: state.workspaceId,
    kind: 'creator',
    tiktokId: tokens.openId,
    profile: fields,
    scopes: tokens.scopes,
    tokens,
    actorUserId: state.userId,
    ip,
  });
}
