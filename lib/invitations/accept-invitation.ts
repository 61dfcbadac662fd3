import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { invitations, memberships, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import * as clock from '@/lib/time/clock';
import { findInvitationByToken } from './find-invitation-by-token';

export type AcceptInvitationOptions = { token: string; userId: string; ip?: string | null };

const UNUSABLE = {
  accepted: 'This invitation has already been used.',
  revoked: 'This invitation was withdrawn. Ask for a new one.',
  expired: 'This invitation has expired. Ask for a new one.',
} as const;

/**
 * Joins the invited workspace with the invited role. The signed-in user's address must be the
 * invited one and confirmed: holding the link alone (it may have leaked) proves nothing.
 */
export async function acceptInvitation(db: Db, { token, userId, ip }: AcceptInvitationOptions) {
  return db.transaction(async (tx) => {
    const invitation = await findInvitationByToken(tx, token);
    if (!invitation) throw new AppError({ code: 'not_found', message: 'This invitation link is not valid.' });
    if (invitation.status !== 'pending')
      throw new AppError({ code: 'conflict', message: UNUSABLE[invitation.status] });

    const [user] = await tx
      .select({ email: users.email, emailVerified: users.emailVerified })
      .from(users)
      .where(eq(users.id, userId))
      .limit(1);
    if (!user || user.email !== invitation.email) {
      throw new AppError({
        code: 'forbidden',
        message: `This invitation is for ${invitation.email}. Sign in with that address to accept it.`,
      });
    }
    if (!user.emailVerified) {
      throw new AppError({
        code: 'email_unverified',
        message: `Confirm ${invitation.email} first: use the link we e-mailed you, then open the invitation again.`,
      });
    }
    // Claim the row first: of two simultaneous accepts only one updates it.
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: clock.now(), acceptedBy: userId })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (claimed.length === 0) throw new AppError({ code: 'conflict', message: UNUSABLE.accepted });

    await tx
      .insert(memberships)
      .values({ workspaceId: invitation.workspaceId, userId, role: invitation.role })
      .onConflictDoNothing();
    await recordAuditEvent(tx, {
      workspaceId: invitation.workspaceId,
      actorUserId: userId,
      action: 'invitation.accepted',
      target: { type: 'invitation', id: invitation.id },
      metadata: { email: invitation.email, role: invitation.role },
      ip,
    });
    return {
      workspaceId: invitation.workspaceId,
      workspaceName: invitation.workspaceName,
      role: invitation.role,
    };
  });
}
