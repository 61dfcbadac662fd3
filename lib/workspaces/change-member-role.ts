import 'server-only';
import { and, eq } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { memberships, type Role } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { countOwners } from './count-owners';
import { lockWorkspace } from './lock-workspace';

export type ChangeMemberRoleOptions = {
  workspaceId: string;
  actorUserId: string;
  memberUserId: string;
  role: Role;
  ip?: string | null;
};

/**
 * Owners may set any role; admins may move members between admin and agent but never touch
 * owners. A workspace always keeps at least one owner.
 */
export async function changeMemberRole(db: Db, options: ChangeMemberRoleOptions) {
  const { workspaceId, actorUserId, memberUserId, role } = options;
  return db.transaction(async (tx) => {
    const actor = await requireMembership(tx, {
      workspaceId,
      userId: actorUserId,
      roles: ['owner', 'admin'],
    });
    await lockWorkspace(tx, workspaceId);
    const member = await requireMembership(tx, { workspaceId, userId: memberUserId }).catch(() => {
      throw new AppError({ code: 'not_found', message: 'That person is not a member of this workspace.' });
    });
    if (actor.role !== 'owner' && (member.role === 'owner' || role === 'owner')) {
      throw new AppError({
        code: 'forbidden',
        message: 'Only owners can change an owner’s role or make someone an owner.',
      });
    }
    if (member.role === role) return member;
    if (member.role === 'owner' && (await countOwners(tx, workspaceId)) <= 1) {
      throw new AppError({
        code: 'conflict',
        message: 'A workspace needs at least one owner. Make someone else owner first.',
      });
    }
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, memberUserId)));
    await recordAuditEvent(tx, {
      workspaceId,
      actorUserId,
      action: 'member.role_changed',
      target: { type: 'user', id: memberUserId },
      metadata: { from: member.role, to: role },
      ip: options.ip,
    });
    await publishLiveEvent(tx, {
      workspaceId,
      type: 'member.role_changed',
      data: { userId: memberUserId, role },
    });
    return { ...member, role };
  });
}
