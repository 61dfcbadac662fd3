import 'server-only';
import { sql } from 'drizzle-orm';
import { jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { requireMembership } from '@/lib/workspaces/require-membership';

export type QueueStats = {
  /** Jobs due now and not yet claimed: the backlog. */
  due: number;
  /** Waiting for a later run time (scheduled, or backing off after a failure). */
  scheduled: number;
  running: number;
  /** Failed at least once and retrying. */
  retrying: number;
  dead: number;
  /** Seconds the longest-waiting due job has waited; 0 when nothing is due. */
  oldestDueAgeSeconds: number;
};

export type GetQueueStatsOptions = { workspaceId: string; userId: string };

/**
 * The health of the whole queue (not one workspace's share): the queue is shared, and a backlog
 * delays every workspace alike. Counts only, no job contents. Owners and admins only.
 */
export async function getQueueStats(
  db: Db,
  { workspaceId, userId }: GetQueueStatsOptions,
): Promise<QueueStats> {
  await requireMembership(db, { workspaceId, userId, roles: ['owner', 'admin'] });
  const due = sql`${jobs.status} in ('pending', 'failed') and ${jobs.runAt} <= now()`;
  const [row] = await db
    .select({
      due: sql<number>`count(*) filter (where ${due})::int`,
      scheduled: sql<number>`count(*) filter (where ${jobs.status} in ('pending', 'failed') and ${jobs.runAt} > now())::int`,
      running: sql<number>`count(*) filter (where ${jobs.status} = 'running')::int`,
      retrying: sql<number>`count(*) filter (where ${jobs.status} = 'failed')::int`,
      dead: sql<number>`count(*) filter (where ${jobs.status} = 'dead')::int`,
      oldestDueAgeSeconds: sql<number>`coalesce(extract(epoch from now() - min(${jobs.runAt}) filter (where ${due})), 0)::float8`,
    })
    .from(jobs)
    // Succeeded jobs are most of the table and never part of the queue.
    .where(sql`${jobs.status} <> 'succeeded'`);
  return {
    due: row?.due ?? 0,
    scheduled: row?.scheduled ?? 0,
    running: row?.running ?? 0,
    retrying: row?.retrying ?? 0,
    dead: row?.dead ?? 0,
    oldestDueAgeSeconds: Math.max(0, Math.round(row?.oldestDueAgeSeconds ?? 0)),
  };
}
