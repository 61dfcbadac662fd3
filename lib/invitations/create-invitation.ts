import 'server-only';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { invitations, memberships, users, workspaces } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { logError } from '@/lib/log/log-error';
import { invitationMail } from '@/lib/mail/account-emails';
import { sendMail } from '@/lib/mail/send-mail';
import { now as clockNow } from '@/lib/time/clock';
import { generateInvitationToken, hashInvitationToken, INVITATION_TTL_MS } from './invitation-token';

export type CreateInvitationOptions = {
  workspaceId: string;
  actorUserId: string;
  email: string;
  role: 'admin' | 'agent';
  appUrl: string;
  ip?: string | null;
};

/**
 * Invites someone by link and e-mails it to them. The token exists only in the returned link and
 * the e-mail; inviting the same address again replaces the pending invitation, so only the newest
 * link works. `emailed` is false when the mail could not be sent: the inviter shares the link.
 */
export async function createInvitation(db: Db, options: CreateInvitationOptions) {
  const invitation = await insertInvitation(db, options);
  const { workspaceName, inviterName, ...result } = invitation;
  const emailed = await sendMail(
    db,
    invitationMail({ to: result.email, inviterName, workspaceName, role: result.role, url: result.link }),
  ).then(
    () => true,
    (error: unknown) => {
      logError('invitation e-mail', error);
      return false;
    },
  );
  return { ...result, emailed };
}

async function insertInvitation(db: Db, options: CreateInvitationOptions) {
  const email = options.email.trim().toLowerCase();
  const { workspaceId, actorUserId, role } = options;
  return db.transaction(async (tx) => {
    await requireMembership(tx, { workspaceId, userId: actorUserId, roles: ['owner', 'admin'] });
    const [existingMember] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(users.email, email)))
      .limit(1);
    if (existingMember)
      throw new AppError({ code: 'conflict', message: `${email} is already a member of this workspace.` });

    const now = clockNow();
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.workspaceId, workspaceId),
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      );
    const token = generateInvitationToken();
    const [invitation] = await tx
      .insert(invitations)
      .values({
        workspaceId,
        email,
        role,
        tokenHash: hashInvitationToken(token),
        invitedBy: actorUserId,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      })
      .returning({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        expiresAt: invitations.expiresAt,
      });
    if (!invitation) throw new Error('invitation insert returned nothing');
    await recordAuditEvent(tx, {
      workspaceId,
      actorUserId,
      action: 'invitation.sent',
      target: { type: 'invitation', id: invitation.id },
      metadata: { email, role },
      ip: options.ip,
    });
    const [names] = await tx
      .select({ workspaceName: workspaces.name, inviterName: users.name, inviterEmail: users.email })
      .from(workspaces)
      .innerJoin(users, eq(users.id, actorUserId))
      .where(eq(workspaces.id, workspaceId))
      .limit(1);
    return {
      ...invitation,
      link: `${options.appUrl}/invite/${token}`,
      workspaceName: names?.workspaceName ?? 'a workspace',
      inviterName: names?.inviterName ?? names?.inviterEmail ?? 'A teammate',
    };
  });
}
