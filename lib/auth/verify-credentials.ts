import 'server-only';
import { and, eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { normalizeEmail } from './normalize-email';
import { burnPasswordCheck, checkPassword, hashPassword } from './password';

export type VerifyCredentialsOptions = { email: string; password: string; ip?: string | null };

const WRONG = 'The e-mail or password is incorrect.';

/**
 * Checks an e-mail and password. Unknown e-mails and wrong passwords get the same message and
 * take the same time, so the form does not reveal who has an account. A right password on an
 * unconfirmed address is refused with `email_unverified` (the caller sends a new link). A hash made
 * with weaker parameters than today's is replaced while we hold the plain password.
 */
export async function verifyCredentials(db: Db, { email, password, ip }: VerifyCredentialsOptions) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      passwordHash: users.passwordHash,
      emailVerified: users.emailVerified,
    })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    throw new AppError({ code: 'unauthenticated', message: WRONG });
  }
  const check = await checkPassword(password, user.passwordHash);
  if (!check.ok) throw new AppError({ code: 'unauthenticated', message: WRONG });
  if (check.needsRehash) {
    // Conditional on the old hash: a password reset racing with this sign-in wins.
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash)));
  }
  if (!user.emailVerified) {
    throw new AppError({
      code: 'email_unverified',
      message: `Confirm your e-mail address first: we sent a link to ${user.email}.`,
    });
  }
  await recordAuditEvent(db, { workspaceId: null, actorUserId: user.id, action: 'user.signed_in', ip });
  return { id: user.id, email: user.email, name: user.name };
}
