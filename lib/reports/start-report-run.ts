import 'server-only';
import { and, eq } from 'drizzle-orm';
import { reportRunAccounts, reportRuns, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { enqueueJobs } from '@/lib/jobs/enqueue-job';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { now } from '@/lib/time/clock';
import { collectReportAccountJob } from './jobs';
import { localDate } from './report-dates';
import { readReportSettings } from './report-settings';

export type StartReportRunOptions = {
  workspaceId: string;
  trigger: 'schedule' | 'manual';
  userId?: string;
  /** Start the account jobs right after the commit (Run now) instead of at the next tick. */
  startNow?: boolean;
};

/**
 * Opens a run over every active account of the workspace and enqueues one job per account, all in
 * one transaction. A manual run while another is still collecting is refused (409): the second
 * would only repeat the first.
 */
export async function startReportRun(db: Db, options: StartReportRunOptions) {
  const { workspaceId, trigger } = options;
  const settings = await readReportSettings(db, workspaceId);
  return db.transaction(async (tx) => {
    const [running] = await tx
      .select({ id: reportRuns.id })
      .from(reportRuns)
      .where(and(eq(reportRuns.workspaceId, workspaceId), eq(reportRuns.status, 'running')))
      .limit(1)
      .for('update');
    if (running && trigger === 'manual') {
      throw new AppError({
        code: 'conflict',
        message: 'A report run is already collecting. Wait for it to finish.',
      });
    }
    const accounts = await tx
      .select({ id: tiktokAccounts.id })
      .from(tiktokAccounts)
      .where(and(eq(tiktokAccounts.workspaceId, workspaceId), eq(tiktokAccounts.status, 'active')));
    const startedAt = now();
    const [run] = await tx
      .insert(reportRuns)
      .values({
        workspaceId,
        trigger,
        day: localDate(startedAt, settings.timeZone),
        startedByUserId: options.userId ?? null,
        startedAt,
        status: accounts.length === 0 ? 'succeeded' : 'running',
        finishedAt: accounts.length === 0 ? startedAt : null,
      })
      .returning();
    if (!run) throw new Error('report run insert returned nothing');
    if (accounts.length > 0) {
      await tx
        .insert(reportRunAccounts)
        .values(accounts.map((account) => ({ runId: run.id, accountId: account.id })));
      await enqueueJobs(
        tx,
        collectReportAccountJob,
        accounts.map((account) => ({
          payload: { runId: run.id, accountId: account.id },
          options: { dedupeKey: `report:${run.id}:${account.id}`, workspaceId, startNow: options.startNow },
        })),
      );
    }
    await publishLiveEvent(tx, {
      workspaceId,
      type: 'report.progress',
      data: { runId: run.id, accountId: null, status: run.status, done: 0, total: accounts.length },
    });
    return { run, accounts: accounts.length };
  });
}
