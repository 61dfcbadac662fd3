import 'server-only';
import { asc, sql } from 'drizzle-orm';
import { appNowSql } from '@/lib/db/app-now-sql';
import { jobSchedules, jobs, webhookEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { requireOperator } from '@/lib/operators/require-operator';
import { countQueue, type QueueStats } from './count-queue';

export type QueueTypeHealth = {
  type: string;
  due: number;
  running: number;
  snoozed: number;
  retrying: number;
  dead: number;
  oldestDueAgeSeconds: number;
};

export type ScheduleView = {
  id: string;
  jobType: string;
  cron: string;
  timeZone: string;
  workspaceId: string | null;
  declared: boolean;
  enabled: boolean;
  nextRunAt: Date;
  lastRunAt: Date | null;
};

export type QueueHealth = {
  stats: QueueStats;
  byType: QueueTypeHealth[];
  /** Webhook events kept because no handler for them exists yet. */
  heldEvents: number;
  schedules: ScheduleView[];
};

/** The installation's queue, for operators only (404 for anyone else): totals, per type, schedules. */
export async function getQueueHealth(db: Db, { userId }: { userId: string }): Promise<QueueHealth> {
  await requireOperator(db, userId);
  const now = appNowSql();
  const due = sql`${jobs.status} in ('pending', 'failed') and ${jobs.runAt} <= ${now}`;
  const [stats, byType, [held], schedules] = await Promise.all([
    countQueue(db),
    db
      .select({
        type: jobs.type,
        due: sql<number>`count(*) filter (where ${due})::int`,
        running: sql<number>`count(*) filter (where ${jobs.status} = 'running')::int`,
        snoozed: sql<number>`count(*) filter (where ${jobs.status} = 'pending' and ${jobs.note} is not null)::int`,
        retrying: sql<number>`count(*) filter (where ${jobs.status} = 'failed')::int`,
        dead: sql<number>`count(*) filter (where ${jobs.status} = 'dead')::int`,
        oldestDueAgeSeconds: sql<number>`coalesce(extract(epoch from ${now} - min(${jobs.runAt}) filter (where ${due})), 0)::float8`,
      })
      .from(jobs)
      .where(sql`${jobs.status} <> 'succeeded'`)
      .groupBy(jobs.type)
      .orderBy(asc(jobs.type)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookEvents)
      .where(sql`${webhookEvents.status} = 'held'`),
    db
      .select({
        id: jobSchedules.id,
        jobType: jobSchedules.jobType,
        cron: jobSchedules.cron,
        timeZone: jobSchedules.timeZone,
        workspaceId: jobSchedules.workspaceId,
        declared: jobSchedules.declared,
        enabled: jobSchedules.enabled,
        nextRunAt: jobSchedules.nextRunAt,
        lastRunAt: jobSchedules.lastRunAt,
      })
      .from(jobSchedules)
      .orderBy(asc(jobSchedules.nextRunAt))
      .limit(100),
  ]);
  return {
    stats,
    byType: byType.map((row) => ({
      ...row,
      oldestDueAgeSeconds: Math.max(0, Math.round(row.oldestDueAgeSeconds)),
    })),
    heldEvents: held?.n ?? 0,
    schedules,
  };
}
