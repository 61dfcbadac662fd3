import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { type TikTokAccountKind, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { logError } from '@/lib/log/log-error';
import { revokeBusinessToken } from '@/lib/tiktok/business-messaging/revoke-business-token';
import { isTikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import { revokeAccessToken } from '@/lib/tiktok/login-kit/revoke-access-token';
import { revokeAdsToken } from '@/lib/tiktok/marketing/revoke-ads-token';
import { getAccessToken } from '@/lib/tokens/get-access-token';
import { requireMembership } from '@/lib/workspaces/require-membership';
import { openAccountToken } from './account-token-cipher';
import { markAccountDisconnected } from './mark-account-disconnected';

export type DisconnectTiktokAccountOptions = {
  workspaceId: string;
  userId: string;
  accountId: string;
  ip?: string | null;
};

/** `revoked`: TikTok confirmed; `kept`: another connection still uses the grant; `failed`: TikTok did not answer. */
export type RevokeOutcome = 'revoked' | 'kept' | 'failed' | 'none';

/**
 * Disconnects an account: tokens wiped, row and history kept, then the grant revoked at TikTok
 * where the API allows it. TikTok grants are per app and user, not per workspace, so the revoke is
 * skipped while another row (another workspace, or advertisers of the same ads consent) still uses it.
 */
export async function disconnectTiktokAccount(
  db: Db,
  { workspaceId, userId, accountId }: DisconnectTiktokAccountOptions,
): Promise<{ revoke: RevokeOutcome }> {
  await requireMembership(db, { workspaceId, userId, roles: ['owner', 'admin'] });
  const [row] = await db
    .select({
      id: tiktokAccounts.id,
      kind: tiktokAccounts.kind,
      tiktokId: tiktokAccounts.tiktokId,
      grantId: tiktokAccounts.grantId,
      status: tiktokAccounts.status,
      accessToken: tiktokAccounts.accessToken,
    })
    .from(tiktokAccounts)
    .where(and(eq(tiktokAccounts.id, accountId), eq(tiktokAccounts.workspaceId, workspaceId)))
    .limit(1);
  if (!row)
    throw new AppError({ code: 'not_found', message: 'This account does not exist in this workspace.' });
  if (row.status === 'disconnected') return { revoke: 'none' };

  const accessToken = row.accessToken ? await usableToken(db, row.id, row.status, row.accessToken) : null;
  const shared = await isGrantShared(db, row);
  await markAccountDisconnected(db, {
    tiktokId: row.tiktokId,
    kind: row.kind,
    workspaceId,
    reason: 'disconnected_by_user',
    actorUserId: userId,
  });
  if (!accessToken) return { revoke: 'none' };
  if (shared) return { revoke: 'kept' };
  try {
    await revoke(row.kind, accessToken);
    return { revoke: 'revoked' };
  } catch (error) {
    // A token TikTok already refuses is as good as revoked.
    if (isTikTokApiError(error) && error.needsReconnect) return { revoke: 'revoked' };
    logError('revoke at TikTok', error);
    return { revoke: 'failed' };
  }
}

/** Revoke endpoints want a live access token: refresh first when the stored one has expired. */
async function usableToken(db: Db, accountId: string, status: string, ciphertext: string) {
  if (status === 'active') {
    try {
      return await getAccessToken(db, accountId, { minValidityMs: 0 });
    } catch {
      // Fall through to the stored token; the revoke is best effort.
    }
  }
  return openAccountToken(accountId, 'access_token', ciphertext);
}

async function isGrantShared(
  db: Db,
  row: { id: string; kind: TikTokAccountKind; tiktokId: string; grantId: string | null },
): Promise<boolean> {
  const sameGrant =
    row.kind === 'ads'
      ? row.grantId
        ? eq(tiktokAccounts.grantId, row.grantId)
        : undefined
      : and(eq(tiktokAccounts.kind, row.kind), eq(tiktokAccounts.tiktokId, row.tiktokId));
  if (!sameGrant) return false;
  const others = await db
    .select({ id: tiktokAccounts.id })
    .from(tiktokAccounts)
    .where(and(sameGrant, ne(tiktokAccounts.id, row.id), ne(tiktokAccounts.status, 'disconnected')))
    .limit(1);
  return others.length > 0;
}

function revoke(kind: TikTokAccountKind, accessToken: string): Promise<void> {
  if (kind === 'creator') return revokeAccessToken(accessToken);
  if (kind === 'business') return revokeBusinessToken(accessToken);
  return revokeAdsToken(accessToken);
}
