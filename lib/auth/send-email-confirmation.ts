import 'server-only';
import type { Db } from '@/lib/db/types';
import { confirmEmailMail } from '@/lib/mail/account-emails';
import { appLink } from '@/lib/mail/app-link';
import { sendMail } from '@/lib/mail/send-mail';
import { issueEmailToken } from './email-token';

export type SendEmailConfirmationOptions = {
  userId: string;
  email: string;
  /** Where to continue after confirming (e.g. the invitation that brought them); a same-site path. */
  next?: string;
};

/** E-mails a fresh confirmation link (24 hours, single use). Earlier links keep working until they expire. */
export async function sendEmailConfirmation(db: Db, { userId, email, next }: SendEmailConfirmationOptions) {
  const token = await issueEmailToken(db, { userId, email, purpose: 'verify_email' });
  await sendMail(db, confirmEmailMail({ to: email, url: appLink('/verify-email', { token, next }) }));
}
