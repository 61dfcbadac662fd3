import 'server-only';
import { and, eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { memberships } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { countOwners } from './count-owners';
import { lockWorkspace } from './lock-workspace';

export type LeaveWorkspaceOptions = { workspaceId: string; userId: string; ip?: string | null };

/** Any member may leave, except the last owner, who would leave the workspace ownerless. */
export async function leaveWorkspace(db: Db, { workspaceId, userId, ip }: LeaveWorkspaceOptions) {
  await db.transaction(async (tx) => {
    const membership = await requireMembership(tx, { workspaceId, userId });
    await lockWorkspace(tx, workspaceId);
    if (membership.role === 'owner' && (await countOwners(tx, workspaceId)) <= 1) {
      throw new AppError({
        code: 'conflict',
        message: 'You are the only owner. Make someone else owner before you leave.',
      });
    }
    await tx
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
    await recordAuditEvent(tx, { workspaceId, actorUserId: userId, action: 'member.left', ip });
    await publishLiveEvent(tx, { workspaceId, type: 'member.removed', data: { userId } });
  });
}
