import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { accountExistsMail } from '@/lib/mail/account-emails';
import { appLink } from '@/lib/mail/app-link';
import { sendMail } from '@/lib/mail/send-mail';
import { createWorkspace } from '@/lib/workspaces/create-workspace';
import { issueEmailToken } from './email-token';
import { normalizeEmail } from './normalize-email';
import { hashPassword } from './password';
import { sendEmailConfirmation } from './send-email-confirmation';

export type SignUpOptions = {
  name: string;
  email: string;
  password: string;
  /** Name of the new workspace; none is created when they came through an invitation. */
  workspaceName?: string;
  /** IANA zone of the new workspace (validated by the caller); ignored when joining. */
  timeZone?: string;
  /** The invitation link that brought them: they join after confirming their address. */
  invitationToken?: string;
  ip?: string | null;
};

export type SignUpResult =
  | { outcome: 'created'; userId: string; workspaceId: string | null }
  | { outcome: 'exists' };

/**
 * Creates an unconfirmed account (and its own workspace unless an invitation brought them) and
 * e-mails a confirmation link; nobody is signed in until the address is confirmed. For an address
 * that already has an account nothing changes and its owner gets an e-mail instead. Both cases do
 * the same work (a password hash, one e-mail), so the caller can answer both the same way: the
 * result is for tests and logs, never for the person signing up.
 */
export async function signUp(db: Db, options: SignUpOptions): Promise<SignUpResult> {
  const email = normalizeEmail(options.email);
  const passwordHash = await hashPassword(options.password);
  const created = await db.transaction(async (tx) => {
    // A simultaneous sign-up for the same address is caught by the unique index.
    const [user] = await tx
      .insert(users)
      .values({ name: options.name.trim(), email, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id, name: users.name });
    if (!user) return null;
    const workspaceId = options.invitationToken
      ? null
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
    return { userId: user.id, workspaceId };
  });

  if (!created) {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (existing) {
      const token = await issueEmailToken(db, {
        userId: existing.id,
        email,
        purpose: 'reset_password',
        replacePrevious: true,
      });
      await sendMail(
        db,
        accountExistsMail({
          to: email,
          signInUrl: appLink('/sign-in'),
          resetUrl: appLink('/reset-password', { token }),
        }),
      );
    }
    return { outcome: 'exists' };
  }
  const next = options.invitationToken ? `/invite/${encodeURIComponent(options.invitationToken)}` : undefined;
  await sendEmailConfirmation(db, { userId: created.userId, email, next });
  return { outcome: 'created', ...created };
}
