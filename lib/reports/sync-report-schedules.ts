import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { jobSchedules, reportSettings, workspaces } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { logError } from '@/lib/log/log-error';
import { dailyReportJob } from './jobs';
import { DEFAULT_DAILY_TIME, dailyCron } from './report-settings';
import { ensureReportSchedule } from './update-report-settings';

/**
 * Gives every workspace its daily report run, and moves runs whose workspace changed its time
 * zone since. Idempotent and cheap; runs when a job runner starts and every few minutes after
 * (registry `onStart`), so a new workspace is scheduled without anyone opening Reports.
 */
export async function syncReportSchedules(db: Db, limit = 1000): Promise<number> {
  const rows = await db
    .select({
      workspaceId: workspaces.id,
      timeZone: workspaces.timeZone,
      dailyTime: reportSettings.dailyTime,
      scheduleZone: jobSchedules.timeZone,
      scheduleCron: jobSchedules.cron,
    })
    .from(workspaces)
    .leftJoin(reportSettings, eq(reportSettings.workspaceId, workspaces.id))
    .leftJoin(jobSchedules, eq(jobSchedules.id, sql`${`${dailyReportJob.type}:`} || ${workspaces.id}`))
    .limit(limit);
  let changed = 0;
  for (const row of rows) {
    const dailyTime = row.dailyTime ?? DEFAULT_DAILY_TIME;
    if (row.scheduleZone === row.timeZone && row.scheduleCron === dailyCron(dailyTime)) continue;
    try {
      await ensureReportSchedule(db, { workspaceId: row.workspaceId, dailyTime, timeZone: row.timeZone });
      changed += 1;
    } catch (error) {
      logError(`report schedule of workspace ${row.workspaceId} could not be set`, error);
    }
  }
  return changed;
}
