import 'server-only';
import { and, type SQL, sql } from 'drizzle-orm';
import { appNowSql } from '@/lib/db/app-now-sql';
import { jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

export type QueueStats = {
  /** Jobs due now and not yet claimed: the backlog. */
  due: number;
  /** Waiting for a later run time (scheduled, snoozed, or backing off after a failure). */
  scheduled: number;
  running: number;
  /** Waiting after a snooze (rate limit, status still processing): not failures. */
  snoozed: number;
  /** Failed at least once and retrying. */
  retrying: number;
  dead: number;
  /** Seconds the longest-waiting due job has waited; 0 when nothing is due. */
  oldestDueAgeSeconds: number;
};

/** Counts of the unfinished part of the queue (optionally narrowed), by state. Counts only. */
export async function countQueue(db: Db, where?: SQL): Promise<QueueStats> {
  const now = appNowSql();
  const due = sql`${jobs.status} in ('pending', 'failed') and ${jobs.runAt} <= ${now}`;
  const [row] = await db
    .select({
      due: sql<number>`count(*) filter (where ${due})::int`,
      scheduled: sql<number>`count(*) filter (where ${jobs.status} in ('pending', 'failed') and ${jobs.runAt} > ${now})::int`,
      running: sql<number>`count(*) filter (where ${jobs.status} = 'running')::int`,
      snoozed: sql<number>`count(*) filter (where ${jobs.status} = 'pending' and ${jobs.note} is not null)::int`,
      retrying: sql<number>`count(*) filter (where ${jobs.status} = 'failed')::int`,
      dead: sql<number>`count(*) filter (where ${jobs.status} = 'dead')::int`,
      oldestDueAgeSeconds: sql<number>`coalesce(extract(epoch from ${now} - min(${jobs.runAt}) filter (where ${due})), 0)::float8`,
    })
    .from(jobs)
    // Succeeded jobs are most of the table and never part of the queue.
    .where(and(sql`${jobs.status} <> 'succeeded'`, where));
  return {
    due: row?.due ?? 0,
    scheduled: row?.scheduled ?? 0,
    running: row?.running ?? 0,
    snoozed: row?.snoozed ?? 0,
    retrying: row?.retrying ?? 0,
    dead: row?.dead ?? 0,
    oldestDueAgeSeconds: Math.max(0, Math.round(row?.oldestDueAgeSeconds ?? 0)),
  };
}
