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

export type RemoveMemberOptions = {
  workspaceId: string;
  actorUserId: string;
  memberUserId: string;
  ip?: string | null;
};

/** Owners and admins remove members; admins cannot remove owners; nobody removes themselves here. */
export async function removeMember(db: Db, options: RemoveMemberOptions) {
  const { workspaceId, actorUserId, memberUserId } = options;
  if (actorUserId === memberUserId) {
    throw new AppError({ code: 'bad_request', message: 'To remove yourself, leave the workspace instead.' });
  }
  await db.transaction(async (tx) => {
    const actor = await requireMembership(tx, {
      workspaceId,
      userId: actorUserId,
      roles: ['owner', 'admin'],
    });
    await lockWorkspace(tx, workspaceId);
    const member = await requireMembership(tx, { workspaceId, userId: memberUserId }).catch(() => {
      throw new AppError({ code: 'not_found', message: 'That person is not a member of this workspace.' });
    });
    if (member.role === 'owner' && actor.role !== 'owner') {
      throw new AppError({ code: 'forbidden', message: 'Only owners can remove an owner.' });
    }
    if (member.role === 'owner' && (await countOwners(tx, workspaceId)) <= 1) {
      throw new AppError({ code: 'conflict', message: 'A workspace needs at least one owner.' });
    }
    await tx
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, memberUserId)));
    await recordAuditEvent(tx, {
      workspaceId,
      actorUserId,
      action: 'member.removed',
      target: { type: 'user', id: memberUserId },
      metadata: { role: member.role },
      ip: options.ip,
    });
    // Ends the removed member's open streams at once.
    await publishLiveEvent(tx, { workspaceId, type: 'member.removed', data: { userId: memberUserId } });
  });
}
