import 'server-only';
import { and, eq } from 'drizzle-orm';
import { tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { isTikTokApiError } from '@/lib/tiktok/http/tiktok-api-error';
import * as clock from '@/lib/time/clock';
import { getAccessToken } from '@/lib/tokens/get-access-token';
import { AccountNeedsReconnectError } from '@/lib/tokens/token-errors';
import { requireMembership } from '@/lib/workspaces/require-membership';
import { fetchAccountProfile } from './fetch-account-profile';
import { markAccountNeedsReconnect } from './mark-account-needs-reconnect';

export type RefreshTiktokProfileOptions = { workspaceId: string; userId: string; accountId: string };

/** Re-reads the profile and counts from TikTok. A refused token flags the account for reconnecting. */
export async function refreshTiktokProfile(
  db: Db,
  { workspaceId, userId, accountId }: RefreshTiktokProfileOptions,
) {
  await requireMembership(db, { workspaceId, userId, roles: ['owner', 'admin'] });
  const [row] = await db
    .select({
      id: tiktokAccounts.id,
      kind: tiktokAccounts.kind,
      tiktokId: tiktokAccounts.tiktokId,
      scopes: tiktokAccounts.scopes,
    })
    .from(tiktokAccounts)
    .where(and(eq(tiktokAccounts.id, accountId), eq(tiktokAccounts.workspaceId, workspaceId)))
    .limit(1);
  if (!row)
    throw new AppError({ code: 'not_found', message: 'This account does not exist in this workspace.' });

  const accessToken = await getAccessToken(db, row.id);
  try {
    const profile = await fetchAccountProfile({ ...row, accessToken });
    await db
      .update(tiktokAccounts)
      .set({ ...profile, lastSyncedAt: clock.now() })
      .where(eq(tiktokAccounts.id, row.id));
  } catch (error) {
    if (isTikTokApiError(error) && error.needsReconnect) {
      // Ads tokens never expire, so a 40105 means the advertiser revoked us; creators/business likewise.
      await markAccountNeedsReconnect(db, {
        accountId: row.id,
        reason: 'access_token_invalid',
        tiktokCode: error.code,
      });
      throw new AccountNeedsReconnectError(row.id, false, error);
    }
    throw new AppError({
      code: 'service_unavailable',
      message: 'TikTok did not send the profile this time. Please try again in a minute.',
      cause: error,
    });
  }
}
