import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { invitations } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import * as clock from '@/lib/time/clock';

export type RevokeInvitationOptions = {
  workspaceId: string;
  actorUserId: string;
  invitationId: string;
  ip?: string | null;
};

export async function revokeInvitation(db: Db, options: RevokeInvitationOptions) {
  const { workspaceId, actorUserId, invitationId } = options;
  await db.transaction(async (tx) => {
    await requireMembership(tx, { workspaceId, userId: actorUserId, roles: ['owner', 'admin'] });
    // Scoped by workspace: an id from another workspace matches nothing and reads as not found.
    const revoked = await tx
      .update(invitations)
      .set({ revokedAt: clock.now() })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.workspaceId, workspaceId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ email: invitations.email });
    if (revoked.length === 0)
      throw new AppError({ code: 'not_found', message: 'That invitation is not pending.' });
    await recordAuditEvent(tx, {
      workspaceId,
      actorUserId,
      action: 'invitation.revoked',
      target: { type: 'invitation', id: invitationId },
      metadata: { email: revoked[0]?.email },
      ip: options.ip,
    });
  });
}
