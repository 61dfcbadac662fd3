import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { connectorFor } from '@/lib/connectors/connectors';
import { isDecryptionError } from '@/lib/crypto/decryption-error';
import { tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { logError } from '@/lib/log/log-error';
import { isTikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import { openAccountToken } from '@/lib/tokens/account-token-columns';
import { getAccessToken } from '@/lib/tokens/get-access-token';
import { readTokenRow } from '@/lib/tokens/read-token-row';
import { getAccountOrThrow, type WorkspaceAccount } from './get-account-or-throw';
import { markAccountDisconnected } from './mark-account-disconnected';

export type DisconnectTiktokAccountOptions = {
  workspaceId: string;
  userId: string;
  accountId: string;
  ip?: string | null;
};

/**
 * `revoked`: TikTok confirmed; `kept`: another connection still uses the grant; `failed`: TikTok did
 * not answer; `skipped`: no stored key opens the token, so there was nothing to revoke with.
 */
export type RevokeOutcome = 'revoked' | 'kept' | 'failed' | 'skipped' | 'none';

/**
 * Disconnects an account: tokens wiped, row and history kept, then the grant revoked at TikTok
 * where the API allows it. TikTok grants are per app and user, not per workspace, so the revoke is
 * skipped while another row (another workspace, or advertisers of the same ads consent) still uses
 * it. A token no key can open does not block the disconnect: the revoke is skipped and logged.
 */
export async function disconnectTiktokAccount(
  db: Db,
  { workspaceId, userId, accountId }: DisconnectTiktokAccountOptions,
): Promise<{ revoke: RevokeOutcome }> {
  const account = await getAccountOrThrow(db, { workspaceId, accountId, userId, roles: ['owner', 'admin'] });
  if (account.status === 'disconnected') return { revoke: 'none' };

  const token = await tokenForRevoke(db, account);
  const shared = await isGrantShared(db, account);
  await markAccountDisconnected(db, {
    tiktokId: account.tiktokId,
    kind: account.kind,
    workspaceId,
    reason: 'disconnected_by_user',
    actorUserId: userId,
    revokeSkipped: token === 'unreadable' ? 'stored token unreadable with the configured keys' : undefined,
  });
  if (token === 'unreadable') return { revoke: 'skipped' };
  if (!token) return { revoke: 'none' };
  if (shared) return { revoke: 'kept' };
  try {
    await connectorFor(account.kind).revoke(token);
    return { revoke: 'revoked' };
  } catch (error) {
    // A token TikTok already refuses is as good as revoked.
    if (isTikTokApiError(error) && error.needsReconnect) return { revoke: 'revoked' };
    logError('revoke at TikTok', error);
    return { revoke: 'failed' };
  }
}

/** Revoke endpoints want a live access token: refresh first when the stored one has expired. */
async function tokenForRevoke(db: Db, account: WorkspaceAccount): Promise<string | 'unreadable' | null> {
  if (account.status === 'active') {
    try {
      return await getAccessToken(db, account.id, { minValidityMs: 0 });
    } catch {
      // Fall through to the stored token; the revoke is best effort.
    }
  }
  const row = await readTokenRow(db, account.id);
  if (!row?.accessToken) return null;
  try {
    return openAccountToken(account.id, 'access_token', row.accessToken);
  } catch (error) {
    if (!isDecryptionError(error)) throw error;
    // Its key left TOKEN_ENCRYPTION_KEYS, or the value is damaged. Say so; never log the value.
    console.warn(
      `[tokdesk] disconnect of account ${account.id}: revoke at TikTok skipped, its access token cannot be decrypted (${error.reason})`,
    );
    return 'unreadable';
  }
}

async function isGrantShared(db: Db, account: WorkspaceAccount): Promise<boolean> {
  const sameGrant =
    connectorFor(account.kind).grantSharedBy === 'grant-id'
      ? account.grantId
        ? eq(tiktokAccounts.grantId, account.grantId)
        : undefined
      : and(eq(tiktokAccounts.kind, account.kind), eq(tiktokAccounts.tiktokId, account.tiktokId));
  if (!sameGrant) return false;
  const others = await db
    .select({ id: tiktokAccounts.id })
    .from(tiktokAccounts)
    .where(and(sameGrant, ne(tiktokAccounts.id, account.id), ne(tiktokAccounts.status, 'disconnected')))
    .limit(1);
  return others.length > 0;
}
