import 'server-only';
import { sql } from 'drizzle-orm';
import { jobSchedules } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { now } from '@/lib/time/clock';
import { nextOccurrence } from './cron-schedule';
import type { JobRegistry } from './job-registry';

/**
 * Keeps the `job_schedules` rows of the schedules job types declare in step with the code (id =
 * the type): created when missing, expression, zone and payload updated when the code changed them.
 * `enabled` stays data: an operator can switch a declared schedule off.
 */
export async function syncDeclaredSchedules(db: Db, registry: JobRegistry): Promise<void> {
  const current = now();
  const rows = [...registry.handlers.values()].flatMap(({ job }) => {
    if (!job.schedule) return [];
    const timeZone = job.schedule.timeZone ?? 'UTC';
    return [
      {
        id: job.type,
        jobType: job.type,
        payload: job.schema.parse(job.schedule.payload ?? {}) as unknown,
        cron: job.schedule.cron,
        timeZone,
        declared: true,
        nextRunAt: nextOccurrence(job.schedule.cron, timeZone, current),
      },
    ];
  });
  if (rows.length === 0) return;
  await db
    .insert(jobSchedules)
    .values(rows)
    .onConflictDoUpdate({
      target: jobSchedules.id,
      set: {
        payload: sql`excluded.payload`,
        cron: sql`excluded.cron`,
        timeZone: sql`excluded.time_zone`,
        nextRunAt: sql`case when ${jobSchedules.cron} = excluded.cron and ${jobSchedules.timeZone} = excluded.time_zone
          then ${jobSchedules.nextRunAt} else excluded.next_run_at end`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${jobSchedules.declared} and (${jobSchedules.cron} <> excluded.cron
        or ${jobSchedules.timeZone} <> excluded.time_zone or ${jobSchedules.payload} <> excluded.payload)`,
    });
}
