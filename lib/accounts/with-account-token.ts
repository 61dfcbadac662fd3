import 'server-only';
import type { Redis } from '@upstash/redis';
import { connectorFor } from '@/lib/connectors/connectors';
import type { Db } from '@/lib/db/types';
import { isTikTokApiError, type TikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import { openAccountToken } from '@/lib/tokens/account-token-columns';
import { getAccessToken } from '@/lib/tokens/get-access-token';
import { markAccountNeedsReconnect } from '@/lib/tokens/mark-account-needs-reconnect';
import { readTokenRow } from '@/lib/tokens/read-token-row';
import { AccountNeedsReconnectError, TokenRefreshFailedError } from '@/lib/tokens/token-errors';
import {
  type GetAccountOrThrowOptions,
  getAccountOrThrow,
  type WorkspaceAccount,
} from './get-account-or-throw';

/** Which account (and, for a user's request, whose membership and role to check first). */
export type WithAccountTokenOptions = GetAccountOrThrowOptions & { redis?: Redis };

/**
 * The one way feature code calls TikTok for a connected account. Loads the account scoped to its
 * workspace (404 otherwise; with `userId`, after checking membership and `roles`), gets a token (refreshed under the lock if due) and runs
 * `fn(accessToken, account)`. When TikTok refuses the token before its time (Open API
 * `access_token_invalid`, Business/Marketing 40102/40105…), it forces one refresh, shared with
 * concurrent callers, and runs `fn` once more; a grant that is really gone marks the account
 * `needs_reconnect` (audit event, status reason) and throws `AccountNeedsReconnectError`
 * (`account_needs_reconnect`, 409). Everything else `fn` throws, `TryLaterError` included, passes
 * through untouched: `fn` must be safe to run twice.
 */
export async function withAccountToken<T>(
  db: Db,
  { redis, ...which }: WithAccountTokenOptions,
  fn: (accessToken: string, account: WorkspaceAccount) => Promise<T>,
): Promise<T> {
  const account = await getAccountOrThrow(db, which);
  const accessToken = await getAccessToken(db, account.id, { redis });
  try {
    return await fn(accessToken, account);
  } catch (error) {
    if (!isRefusedToken(error)) throw error;
    // Ads tokens have no refresh: a refused one is a revoked grant.
    if (!connectorFor(account.kind).refresh) return lostGrant(db, account.id, accessToken, error);
    const replacement = await getAccessToken(db, account.id, { redis, refusedToken: accessToken });
    try {
      return await fn(replacement, account);
    } catch (retryError) {
      if (!isRefusedToken(retryError)) throw retryError;
      return lostGrant(db, account.id, replacement, retryError);
    }
  }
}

/** The TikTok surfaces' decoders flag token errors (`needsReconnect`); scope errors are not among them. */
function isRefusedToken(error: unknown): error is TikTokApiError {
  return isTikTokApiError(error) && error.needsReconnect;
}

async function lostGrant(db: Db, accountId: string, refused: string, cause: TikTokApiError): Promise<never> {
  const row = await readTokenRow(db, accountId);
  if (row?.status !== 'active') {
    throw new AccountNeedsReconnectError(accountId, row?.status !== 'needs_reconnect', cause);
  }
  // A reconnect (or a refresh) landed meanwhile: the account is fine, only this call failed.
  if (!row.accessToken || openAccountToken(accountId, 'access_token', row.accessToken) !== refused) {
    throw new TokenRefreshFailedError(accountId, cause);
  }
  await markAccountNeedsReconnect(db, {
    accountId,
    reason: 'access_token_invalid',
    tiktokCode: cause.code,
    tokenVersion: row.tokenVersion,
  });
  throw new AccountNeedsReconnectError(accountId, false, cause);
}
