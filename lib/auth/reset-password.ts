import 'server-only';
import type { Redis } from '@upstash/redis';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { emailTokens, sessions, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { resetRateLimit } from '@/lib/kv/reset-rate-limit';
import { logError } from '@/lib/log/log-error';
import { passwordChangedMail } from '@/lib/mail/account-emails';
import { appLink } from '@/lib/mail/app-link';
import { sendMail } from '@/lib/mail/send-mail';
import { consumeEmailToken } from './email-token';
import { hashPassword } from './password';

export type ResetPasswordOptions = { token: string; password: string; ip?: string | null; redis?: Redis };

export const RESET_LINK_UNUSABLE = 'This reset link has expired or was already used. Ask for a new one.';

/**
 * Sets a new password from an e-mailed link. In one transaction: the link is used up, the password
 * replaced, the address counts as confirmed (the link proved it), every session of the user ends
 * (whoever knew the old password is signed out) and other reset links die. Afterwards the sign-in
 * lockout of the account is lifted, so the owner can sign in at once, and they are told by e-mail.
 */
export async function resetPassword(db: Db, { token, password, ip, redis }: ResetPasswordOptions) {
  const passwordHash = await hashPassword(password);
  const { userId, email } = await db.transaction(async (tx) => {
    const claimed = await consumeEmailToken(tx, { token, purpose: 'reset_password' });
    if (!claimed) throw new AppError({ code: 'not_found', message: RESET_LINK_UNUSABLE });
    const updated = await tx
      .update(users)
      .set({ passwordHash, emailVerified: sql`coalesce(${users.emailVerified}, now())` })
      .where(and(eq(users.id, claimed.userId), eq(users.email, claimed.email)))
      .returning({ id: users.id });
    if (updated.length === 0) throw new AppError({ code: 'not_found', message: RESET_LINK_UNUSABLE });
    await tx.delete(sessions).where(eq(sessions.userId, claimed.userId));
    await tx
      .delete(emailTokens)
      .where(
        and(
          eq(emailTokens.userId, claimed.userId),
          eq(emailTokens.purpose, 'reset_password'),
          isNull(emailTokens.usedAt),
        ),
      );
    await recordAuditEvent(tx, {
      workspaceId: null,
      actorUserId: claimed.userId,
      action: 'user.password_reset',
      ip,
    });
    return claimed;
  });
  // The password is changed either way: a Redis or mail hiccup must not report the reset as failed.
  await resetRateLimit({ policy: 'signInAccount', identifier: email, redis }).catch((error: unknown) =>
    logError('lift sign-in limit after password reset', error),
  );
  await sendMail(db, passwordChangedMail({ to: email, forgotUrl: appLink('/forgot-password') })).catch(
    (error: unknown) => logError('password-changed notice', error),
  );
  return { userId, email };
}
