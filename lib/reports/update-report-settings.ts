import 'server-only';
import { z } from 'zod';
import { requireMembership } from '@/lib/access/require-membership';
import { describeChanges } from '@/lib/audit/describe-changes';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { reportSettings } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { setJobSchedule } from '@/lib/jobs/set-job-schedule';
import { dailyReportJob } from './jobs';
import { keyTemplateSchema } from './report-key';
import { dailyCron, readReportSettings } from './report-settings';

export const reportSettingsInput = z.object({
  dailyTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time like 06:00.'),
  keyTemplate: z
    .union([z.literal('').transform(() => null), keyTemplateSchema])
    .nullable()
    .default(null),
  settleDays: z.coerce.number().int('Use whole days.').min(0).max(28, 'At most 28 days.'),
});

export type ReportSettingsInput = z.input<typeof reportSettingsInput>;

/**
 * Saves a workspace's report settings and moves its daily run (a schedule row read in the
 * workspace's time zone) in the same transaction, with an audit entry naming what changed (a moved
 * run time or a new storage key decides where and when reports land). Owners and admins only.
 */
export async function updateReportSettings(
  db: Db,
  {
    workspaceId,
    userId,
    input,
    ip = null,
  }: { workspaceId: string; userId: string; input: ReportSettingsInput; ip?: string | null },
) {
  await requireMembership(db, { workspaceId, userId, roles: ['owner', 'admin'] });
  const values = reportSettingsInput.parse(input);
  return db.transaction(async (tx) => {
    const before = await readReportSettings(tx, workspaceId);
    await tx
      .insert(reportSettings)
      .values({ workspaceId, ...values })
      .onConflictDoUpdate({ target: reportSettings.workspaceId, set: { ...values, updatedAt: new Date() } });
    const settings = { ...before, ...values };
    const schedule = await ensureReportSchedule(tx, settings);
    const changes = describeChanges(before, values);
    if (Object.keys(changes).length > 0) {
      await recordAuditEvent(tx, {
        workspaceId,
        actorUserId: userId,
        action: 'reports.settings_changed',
        target: { type: 'workspace', id: workspaceId },
        metadata: changes,
        ip,
      });
    }
    return { ...settings, nextRunAt: schedule.nextRunAt };
  });
}

/** Creates or moves the workspace's daily run; idempotent, also used when the reports page opens. */
export function ensureReportSchedule(
  tx: Db,
  settings: { workspaceId: string; dailyTime: string; timeZone: string },
) {
  return setJobSchedule(tx, {
    id: `${dailyReportJob.type}:${settings.workspaceId}`,
    job: dailyReportJob,
    payload: { workspaceId: settings.workspaceId },
    cron: dailyCron(settings.dailyTime),
    timeZone: settings.timeZone,
    workspaceId: settings.workspaceId,
  });
}
