import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { normalizeEmail } from './normalize-email';
import { burnPasswordCheck, verifyPassword } from './password';

export type VerifyCredentialsOptions = { email: string; password: string; ip?: string | null };

const WRONG = 'The e-mail or password is incorrect.';

/**
 * Checks an e-mail and password. Unknown e-mails and wrong passwords get the same message and
 * take the same time, so the form does not reveal who has an account.
 */
export async function verifyCredentials(db: Db, { email, password, ip }: VerifyCredentialsOptions) {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    throw new AppError({ code: 'unauthenticated', message: WRONG });
  }
  if (!(await verifyPassword(password, user.passwordHash))) {
    throw new AppError({ code: 'unauthenticated', message: WRONG });
  }
  await recordAuditEvent(db, { workspaceId: null, actorUserId: user.id, action: 'user.signed_in', ip });
  return { id: user.id, email: user.email, name: user.name };
}
