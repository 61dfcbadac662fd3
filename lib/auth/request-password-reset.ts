import 'server-only';
import { eq } from 'drizzle-orm';
import { users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { resetPasswordMail } from '@/lib/mail/account-emails';
import { appLink } from '@/lib/mail/app-link';
import { sendMail } from '@/lib/mail/send-mail';
import { issueEmailToken } from './email-token';
import { normalizeEmail } from './normalize-email';

/**
 * E-mails a password-reset link (single use, 30 minutes, only the newest works) when the address
 * has an account, and does nothing otherwise. The caller answers both cases alike.
 */
export async function requestPasswordReset(db: Db, options: { email: string }): Promise<void> {
  const email = normalizeEmail(options.email);
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (!user) return;
  const token = await issueEmailToken(db, {
    userId: user.id,
    email,
    purpose: 'reset_password',
    replacePrevious: true,
  });
  await sendMail(db, resetPasswordMail({ to: email, url: appLink('/reset-password', { token }) }));
}
