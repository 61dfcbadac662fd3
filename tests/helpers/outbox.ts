import { and, desc, eq } from 'drizzle-orm';
import { emailOutbox } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

/** The e-mails the outbox holds for one address, newest first (tests run with the outbox transport). */
export async function emailsTo(db: Db, to: string, subject?: string) {
  return db
    .select()
    .from(emailOutbox)
    .where(subject ? and(eq(emailOutbox.to, to), eq(emailOutbox.subject, subject)) : eq(emailOutbox.to, to))
    .orderBy(desc(emailOutbox.createdAt));
}

/** The first link in an e-mail's text that goes to `path`, and its `token` parameter. */
export function linkIn(text: string, path: string): { url: URL; token: string } {
  const match = text.match(/https?:\/\/\S+/g)?.find((candidate) => new URL(candidate).pathname === path);
  if (!match) throw new Error(`no link to ${path} in:\n${text}`);
  const url = new URL(match);
  return { url, token: url.searchParams.get('token') ?? '' };
}
