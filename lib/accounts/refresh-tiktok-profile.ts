import 'server-only';
import { eq } from 'drizzle-orm';
import { connectorFor } from '@/lib/connectors/connectors';
import { tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { isTryLaterError } from '@/lib/errors/try-later-error';
import { now } from '@/lib/time/clock';
import { withAccountToken } from './with-account-token';

export type RefreshTiktokProfileOptions = { workspaceId: string; userId: string; accountId: string };

/** Re-reads the profile and counts from TikTok. A refused grant flags the account for reconnecting. */
export async function refreshTiktokProfile(
  db: Db,
  { workspaceId, userId, accountId }: RefreshTiktokProfileOptions,
) {
  try {
    const profile = await withAccountToken(
      db,
      { workspaceId, accountId, userId, roles: ['owner', 'admin'] },
      (accessToken, account) =>
        connectorFor(account.kind).fetchProfile({
          tiktokId: account.tiktokId,
          accessToken,
          scopes: account.scopes,
        }),
    );
    await db
      .update(tiktokAccounts)
      .set({ ...profile, lastSyncedAt: now() })
      .where(eq(tiktokAccounts.id, accountId));
  } catch (error) {
    if (isAppError(error) || isTryLaterError(error)) throw error;
    throw new AppError({
      code: 'service_unavailable',
      message: 'TikTok did not send the profile this time. Please try again in a minute.',
      cause: error,
    });
  }
}
