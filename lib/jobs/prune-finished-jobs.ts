import 'server-only';
import { and, eq, inArray, lt } from 'drizzle-orm';
import { jobs, webhookEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Succeeded jobs are only history; dead ones stay longer so an admin can still retry them. */
const KEEP_SUCCEEDED_DAYS = 7;
const KEEP_DEAD_DAYS = 30;
/** Well past TikTok's 72-hour redelivery window, so deduplication never forgets a live event. */
const KEEP_WEBHOOK_EVENTS_DAYS = 30;
const CHUNK = 5000;

export type PruneFinishedJobsOptions = { now: Date };

/** Deletes old finished jobs and handled webhook events, in chunks so no statement runs long. */
export async function pruneFinishedJobs(db: Db, { now }: PruneFinishedJobsOptions) {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const deleted = { succeededJobs: 0, deadJobs: 0, webhookEvents: 0 };

  deleted.succeededJobs = await deleteInChunks(db, 'jobs', (tx) =>
    tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.status, 'succeeded'), lt(jobs.finishedAt, before(KEEP_SUCCEEDED_DAYS))))
      .limit(CHUNK),
  );
  deleted.deadJobs = await deleteInChunks(db, 'jobs', (tx) =>
    tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.status, 'dead'), lt(jobs.finishedAt, before(KEEP_DEAD_DAYS))))
      .limit(CHUNK),
  );
  deleted.webhookEvents = await deleteInChunks(db, 'webhook_events', (tx) =>
    tx
      .select({ id: webhookEvents.id })
      .from(webhookEvents)
      .where(
        and(
          inArray(webhookEvents.status, ['processed', 'ignored']),
          lt(webhookEvents.receivedAt, before(KEEP_WEBHOOK_EVENTS_DAYS)),
        ),
      )
      .limit(CHUNK),
  );
  return deleted;
}

type IdQuery = (db: Db) => PromiseLike<{ id: string }[]>;

async function deleteInChunks(db: Db, table: 'jobs' | 'webhook_events', select: IdQuery): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = (await select(db)).map((row) => row.id);
    if (ids.length === 0) return total;
    if (table === 'jobs') await db.delete(jobs).where(inArray(jobs.id, ids));
    else await db.delete(webhookEvents).where(inArray(webhookEvents.id, ids));
    total += ids.length;
    if (ids.length < CHUNK) return total;
  }
}
