import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { acceptInvitation } from '@/lib/invitations/accept-invitation';
import { createWorkspace } from '@/lib/workspaces/create-workspace';
import { normalizeEmail } from './normalize-email';
import { hashPassword } from './password';

export type SignUpOptions = {
  name: string;
  email: string;
  password: string;
  /** Name of the new workspace; ignored when joining through an invitation. */
  workspaceName?: string;
  /** IANA zone of the new workspace (validated by the caller); ignored when joining. */
  timeZone?: string;
  invitationToken?: string;
  ip?: string | null;
};

/**
 * Creates the user and either their own workspace (they become its owner) or, when they came
 * through an invitation link, a membership in the inviting workspace. All or nothing.
 */
export async function signUp(db: Db, options: SignUpOptions) {
  const email = normalizeEmail(options.email);
  const passwordHash = await hashPassword(options.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (existing) throw emailTaken();
    // The check above is for the common case; a simultaneous sign-up is caught by the unique index.
    const [user] = await tx
      .insert(users)
      .values({ name: options.name.trim(), email, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id, email: users.email, name: users.name });
    if (!user) throw emailTaken();

    const workspaceId = options.invitationToken
      ? (await acceptInvitation(tx, { token: options.invitationToken, userId: user.id, ip: options.ip }))
          .workspaceId
      : (
          await createWorkspace(tx, {
            userId: user.id,
            name: options.workspaceName || `${user.name}’s workspace`,
            timeZone: options.timeZone,
            ip: options.ip,
          })
        ).id;
    await recordAuditEvent(tx, {
      workspaceId,
      actorUserId: user.id,
      action: 'user.signed_up',
      ip: options.ip,
    });
    return { user, workspaceId };
  });
}

function emailTaken() {
  return new AppError({
    code: 'conflict',
    message: 'An account with this e-mail already exists. Sign in instead.',
    fieldErrors: { email: ['An account with this e-mail already exists.'] },
  });
}
