import 'server-only';
import { eq } from 'drizzle-orm';
import { reportSettings, workspaces } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';

export const DEFAULT_DAILY_TIME = '06:00';
export const DEFAULT_SETTLE_DAYS = 3;

export type EffectiveReportSettings = {
  workspaceId: string;
  slug: string;
  timeZone: string;
  dailyTime: string;
  keyTemplate: string | null;
  settleDays: number;
};

/** The workspace's report settings with its slug and zone; defaults where none were saved. */
export async function readReportSettings(db: Db, workspaceId: string): Promise<EffectiveReportSettings> {
  const [row] = await db
    .select({
      slug: workspaces.slug,
      timeZone: workspaces.timeZone,
      dailyTime: reportSettings.dailyTime,
      keyTemplate: reportSettings.keyTemplate,
      settleDays: reportSettings.settleDays,
    })
    .from(workspaces)
    .leftJoin(reportSettings, eq(reportSettings.workspaceId, workspaces.id))
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw new AppError({ code: 'not_found', message: 'This workspace does not exist.' });
  return {
    workspaceId,
    slug: row.slug,
    timeZone: row.timeZone,
    dailyTime: row.dailyTime ?? DEFAULT_DAILY_TIME,
    keyTemplate: row.keyTemplate ?? null,
    settleDays: row.settleDays ?? DEFAULT_SETTLE_DAYS,
  };
}

/** `HH:MM` → the schedule's cron expression, read in the workspace's zone. */
export function dailyCron(dailyTime: string): string {
  const [hours, minutes] = dailyTime.split(':').map(Number);
  return `${minutes} ${hours} * * *`;
}
