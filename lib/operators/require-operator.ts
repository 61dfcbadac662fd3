import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';

/**
 * Whether the user operates this installation: their address is in `OPERATOR_EMAILS` and verified
 * (an unverified sign-up with an operator's address proves nothing). Operators see what belongs to
 * no workspace: queue health, app-wide jobs and events.
 */
export async function isOperator(db: Db, userId: string): Promise<boolean> {
  const operators = env.OPERATOR_EMAILS;
  if (operators.length === 0) return false;
  const [user] = await db
    .select({ email: users.email, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return Boolean(user?.emailVerified) && operators.includes(user?.email.trim().toLowerCase() ?? '');
}

/** The data-boundary check of every operator query: anyone else gets 404, as if nothing were there. */
export async function requireOperator(db: Db, userId: string): Promise<void> {
  if (!(await isOperator(db, userId))) {
    throw new AppError({ code: 'not_found', message: 'This page does not exist.' });
  }
}
