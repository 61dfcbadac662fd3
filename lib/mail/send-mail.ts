import 'server-only';
import { lt } from 'drizzle-orm';
import { createTransport, type Transporter } from 'nodemailer';
import { emailOutbox } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { env } from '@/lib/env';
import type { MailMessage } from './mail-message';

const OUTBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

const globalForMail = globalThis as unknown as { tokdeskSmtp?: Transporter };

function smtp(): Transporter {
  // One transporter per process, reused across requests (and across dev reloads).
  globalForMail.tokdeskSmtp ??= createTransport(env.SMTP_URL as string);
  return globalForMail.tokdeskSmtp;
}

/**
 * The one way Tokdesk sends e-mail. With SMTP_URL and EMAIL_FROM it goes out over SMTP; otherwise
 * (development, tests, or production with EMAIL_OUTBOX=1) it is kept in the outbox table that
 * /dev/outbox lists, and a line is logged. Production refuses to start with neither (lib/env.ts),
 * so mail is never dropped silently. `db` receives the outbox row.
 */
export async function sendMail(db: Db, message: MailMessage): Promise<void> {
  if (env.mailTransport === 'smtp') {
    await smtp().sendMail({ from: env.EMAIL_FROM, ...message });
    return;
  }
  await db.insert(emailOutbox).values(message);
  await db.delete(emailOutbox).where(lt(emailOutbox.createdAt, new Date(Date.now() - OUTBOX_RETENTION_MS)));
  // In development the link is the point of the log line; elsewhere the outbox page has it.
  const link = env.isProduction ? '' : ` ${firstLink(message.text) ?? ''}`;
  console.info(`[mail] outbox: “${message.subject}” to ${message.to}.${link}`);
}

function firstLink(text: string): string | undefined {
  return text.match(/https?:\/\/\S+/)?.[0];
}
