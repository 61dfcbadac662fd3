import 'server-only';
import type { Db } from '@/lib/db/types';
import { exchangeBusinessCode } from '@/lib/tiktok/business-messaging/exchange-business-code';
import { getBusinessAccount } from '@/lib/tiktok/business-messaging/get-business-account';
import type { BusinessTokens } from '@/lib/tiktok/business-messaging/schema';
import { BUSINESS_SCOPES } from '@/lib/tiktok/business-messaging/scopes';
import { ConnectError } from './connect-errors';
import { connectRedirectUri } from './connect-urls';
import type { ConsumedState } from './consume-oauth-state';
import { saveTiktokAccount } from './save-tiktok-account';

export type CompleteBusinessConnectionOptions = { state: ConsumedState; code: string; ip?: string | null };

/** Business (`tt_user`) callback: code → tokens → all nine scopes granted? → business/get → save. */
export async function completeBusinessConnection(
  db: Db,
  { state, code, ip }: CompleteBusinessConnectionOptions,
) {
  let tokens: BusinessTokens;
  try {
    tokens = await exchangeBusinessCode({ code, redirectUri: connectRedirectUri('business') });
  } catch (error) {
    throw new ConnectError('token_exchange_failed', { cause: error });
  }
  const missingScopes = BUSINESS_SCOPES.filter((scope) => !tokens.scopes.includes(scope));
  if (missingScopes.length > 0) throw new ConnectError('ungranted_scopes', { missingScopes });

  let account: Awaited<ReturnType<typeof getBusinessAccount>>;
  try {
    account = await getBusinessAccount({ accessToken: tokens.accessToken, businessId: tokens.businessId });
  } catch (error) {
    throw new ConnectError('profile_failed', { cause: error });
  }
  return saveTiktokAccount(db, {
    workspaceId: state.workspaceId,
    kind: 'business',
    tiktokId: tokens.businessId,
    profile: {
      ...account,
      profileUrl: account.username ? `https://www.tiktok.com/@${account.username}` : null,
    },
    scopes: tokens.scopes,
    tokens,
    actorUserId: state.userId,
    ip,
  });
}
