import 'server-only';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { appNowSql } from '@/lib/db/app-now-sql';
import { jobSchedules, jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { logError } from '@/lib/log/log-error';
import { now } from '@/lib/time/clock';
import { buildJobRow, DEFAULT_MAX_ATTEMPTS } from './build-job-row';
import { nextOccurrence } from './cron-schedule';
import type { JobRegistry } from './job-registry';

/**
 * Fires every due schedule once: enqueues the job for its occurrence and moves `next_run_at` to the
 * next one after now, in one transaction with the rows locked (`SKIP LOCKED`), so any number of
 * runners can call this and each occurrence is enqueued once; the dedupe key per occurrence makes
 * that hold even across a crash between the two. Occurrences missed while nothing ran collapse
 * into one run. Returns how many fired.
 */
export async function fireDueSchedules(db: Db, registry: JobRegistry, limit = 200): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(jobSchedules)
      .where(and(eq(jobSchedules.enabled, true), lte(jobSchedules.nextRunAt, appNowSql())))
      .orderBy(asc(jobSchedules.nextRunAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return 0;

    const current = now();
    const rows: PgInsertValue<typeof jobs>[] = [];
    const moves: { id: string; next: string | null; job: string | null }[] = [];
    for (const schedule of due) {
      const after = new Date(Math.max(schedule.nextRunAt.getTime(), current.getTime()));
      let next: Date | null = null;
      try {
        next = nextOccurrence(schedule.cron, schedule.timeZone, after);
      } catch (error) {
        logError(`schedule ${schedule.id} is invalid and was disabled`, error);
      }
      const id = crypto.randomUUID();
      const dedupeKey = `schedule:${schedule.id}:${schedule.nextRunAt.toISOString()}`;
      const spec = registry.handlers.get(schedule.jobType)?.job;
      try {
        const row = spec
          ? buildJobRow(spec, schedule.payload as never, {
              dedupeKey,
              workspaceId: schedule.workspaceId ?? undefined,
            })
          : {
              type: schedule.jobType,
              payload: schedule.payload,
              maxAttempts: DEFAULT_MAX_ATTEMPTS,
              dedupeKey,
              workspaceId: schedule.workspaceId,
            };
        rows.push({ ...row, id, runAt: appNowSql() });
        moves.push({ id: schedule.id, next: next?.toISOString() ?? null, job: id });
      } catch (error) {
        // A payload this deploy's schema refuses: skip the occurrence, keep the schedule.
        logError(`schedule ${schedule.id}: payload refused, occurrence skipped`, error);
        moves.push({ id: schedule.id, next: next?.toISOString() ?? null, job: null });
      }
    }
    const inserted =
      rows.length === 0
        ? []
        : await tx
            .insert(jobs)
            .values(rows)
            .onConflictDoNothing({ target: jobs.dedupeKey })
            .returning({ id: jobs.id });
    await tx.execute(sql`
      update job_schedules s set
        next_run_at = coalesce(v.next::timestamptz, s.next_run_at),
        enabled = v.next is not null,
        last_run_at = ${appNowSql()},
        last_job_id = coalesce(v.job, s.last_job_id),
        updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(moves)}::jsonb) as v(id text, next text, job text)
      where s.id = v.id`);
    return inserted.length;
  });
}
