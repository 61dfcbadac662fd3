import 'server-only';
import { desc } from 'drizzle-orm';
import { emailOutbox, type OutboxEmail } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

/** The newest e-mails kept in the local outbox, for the development outbox page. */
export async function listOutbox(db: Db, limit = 50): Promise<OutboxEmail[]> {
  return db.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(Math.min(limit, 200));
}
