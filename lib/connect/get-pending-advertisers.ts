import 'server-only';
import { and, eq, gt, isNotNull } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { oauthStates, type PendingAdvertiser } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { now } from '@/lib/time/clock';

export type GetPendingAdvertisersOptions = { attemptId: string; workspaceId: string; userId: string };

/** The advertisers of an ads connection waiting for the user's choice; only the user who started it sees them. */
export async function getPendingAdvertisers(
  db: Db,
  { attemptId, workspaceId, userId }: GetPendingAdvertisersOptions,
): Promise<{ advertisers: PendingAdvertiser[]; expiresAt: Date }> {
  await requireMembership(db, { workspaceId, userId, roles: ['owner', 'admin'] });
  const [row] = await db
    .select({ advertisers: oauthStates.pendingAdvertisers, expiresAt: oauthStates.pendingExpiresAt })
    .from(oauthStates)
    .where(
      and(
        eq(oauthStates.id, attemptId),
        eq(oauthStates.userId, userId),
        eq(oauthStates.workspaceId, workspaceId),
        isNotNull(oauthStates.pendingAccessToken),
        gt(oauthStates.pendingExpiresAt, now()),
      ),
    )
    .limit(1);
  if (!row?.advertisers || !row.expiresAt) {
    throw new AppError({
      code: 'not_found',
      message: 'This ad account selection has expired or was already saved. Connect ad accounts again.',
    });
  }
  return { advertisers: row.advertisers, expiresAt: row.expiresAt };
}
