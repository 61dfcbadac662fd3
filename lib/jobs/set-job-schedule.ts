import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { jobSchedules } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { now } from '@/lib/time/clock';
import { InvalidScheduleError, nextOccurrence } from './cron-schedule';
import type { JobPayload, JobType } from './define-job';

export type SetJobScheduleOptions<J extends JobType> = {
  /** Stable key, unique per schedule: `reports.daily:<workspace id>`. */
  id: string;
  job: J;
  payload: JobPayload<J>;
  /** Five fields (minute hour day month weekday), e.g. `0 6 * * *` for 06:00 every day. */
  cron: string;
  /** IANA zone the expression is read in, e.g. the workspace's. */
  timeZone: string;
  /** The workspace the runs belong to (their jobs show in its settings; deleted with it). */
  workspaceId?: string | null;
  enabled?: boolean;
};

/**
 * Creates or changes a recurring run, e.g. a workspace's daily report at the hour it chose in its
 * time zone. Call it in the transaction that saves the setting. Changing the expression or zone
 * moves the next run; changing only the payload keeps it. A bad expression or zone is a 422 with a
 * sentence for the form.
 */
export async function setJobSchedule<J extends JobType>(
  tx: Db,
  { id, job, payload, cron, timeZone, workspaceId = null, enabled = true }: SetJobScheduleOptions<J>,
): Promise<{ id: string; nextRunAt: Date }> {
  let nextRunAt: Date;
  try {
    nextRunAt = nextOccurrence(cron, timeZone, now());
  } catch (error) {
    if (!(error instanceof InvalidScheduleError)) throw error;
    throw new AppError({ code: 'unprocessable_entity', message: error.message, cause: error });
  }
  const values = {
    id,
    jobType: job.type,
    payload: job.schema.parse(payload) as unknown,
    cron: cron.trim(),
    timeZone,
    workspaceId,
    enabled,
    nextRunAt,
  };
  const [row] = await tx
    .insert(jobSchedules)
    .values(values)
    .onConflictDoUpdate({
      target: jobSchedules.id,
      set: {
        jobType: values.jobType,
        payload: values.payload,
        workspaceId: values.workspaceId,
        enabled: values.enabled,
        cron: values.cron,
        timeZone: values.timeZone,
        nextRunAt: sql`case when ${jobSchedules.cron} = ${values.cron} and ${jobSchedules.timeZone} = ${timeZone}
          then ${jobSchedules.nextRunAt} else ${nextRunAt.toISOString()}::timestamptz end`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ id: jobSchedules.id, nextRunAt: jobSchedules.nextRunAt });
  return row ?? { id, nextRunAt };
}

/** Removes a recurring run; jobs it already enqueued still run. True if it existed. */
export async function removeJobSchedule(tx: Db, id: string): Promise<boolean> {
  const deleted = await tx
    .delete(jobSchedules)
    .where(eq(jobSchedules.id, id))
    .returning({ id: jobSchedules.id });
  return deleted.length > 0;
}
