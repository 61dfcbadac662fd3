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
/** Events no handler existed for wait this long for a version of Tokdesk that handles them. */
const KEEP_HELD_WEBHOOK_EVENTS_DAYS = 365;
const CHUNK = 5000;

export type PruneFinishedJobsOptions = { now: Date; signal?: AbortSignal };

/**
 * Deletes old finished jobs and handled webhook events, in chunks so no statement runs long. Stops
 * between chunks once `signal` fires; `done` is false then, and a later run carries on.
 */
export async function pruneFinishedJobs(db: Db, { now, signal }: PruneFinishedJobsOptions) {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const deleted = { succeededJobs: 0, deadJobs: 0, webhookEvents: 0, heldWebhookEvents: 0, done: false };
  const deleteInChunks = (table: 'jobs' | 'webhook_events', select: IdQuery) =>
    deleteChunks(db, table, select, signal);

  deleted.succeededJobs = await deleteInChunks('jobs', (tx) =>
    tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.status, 'succeeded'), lt(jobs.finishedAt, before(KEEP_SUCCEEDED_DAYS))))
      .limit(CHUNK),
  );
  deleted.deadJobs = await deleteInChunks('jobs', (tx) =>
    tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.status, 'dead'), lt(jobs.finishedAt, before(KEEP_DEAD_DAYS))))
      .limit(CHUNK),
  );
  deleted.webhookEvents = await deleteInChunks('webhook_events', (tx) =>
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
  deleted.heldWebhookEvents = await deleteInChunks('webhook_events', (tx) =>
    tx
      .select({ id: webhookEvents.id })
      .from(webhookEvents)
      .where(
        and(
          eq(webhookEvents.status, 'held'),
          lt(webhookEvents.receivedAt, before(KEEP_HELD_WEBHOOK_EVENTS_DAYS)),
        ),
      )
      .limit(CHUNK),
  );
  deleted.done = !signal?.aborted;
  return deleted;
}

type IdQuery = (db: Db) => PromiseLike<{ id: string }[]>;

async function deleteChunks(
  db: Db,
  table: 'jobs' | 'webhook_events',
  select: IdQuery,
  signal: AbortSignal | undefined,
): Promise<number> {
  let total = 0;
  for (;;) {
    if (signal?.aborted) return total;
    const ids = (await select(db)).map((row) => row.id);
    if (ids.length === 0) return total;
    if (table === 'jobs') await db.delete(jobs).where(inArray(jobs.id, ids));
    else await db.delete(webhookEvents).where(inArray(webhookEvents.id, ids));
    total += ids.length;
    if (ids.length < CHUNK) return total;
  }
}
