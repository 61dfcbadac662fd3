import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { reportRunAccounts, reportRuns, tiktokAccounts } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { isTryLaterError } from '@/lib/errors/try-later-error';
import type { JobContext } from '@/lib/jobs/define-job';
import { publishLiveEvent } from '@/lib/live/publish-live-event';
import { logError } from '@/lib/log/log-error';
import type { ObjectStorage } from '@/lib/storage/object-storage';
import { now } from '@/lib/time/clock';
import { collectAdsAccount } from './collect-ads-account';
import { collectBusinessAccount } from './collect-business-account';
import { collectCreatorAccount } from './collect-creator-account';
import type { CollectOptions, CollectResult } from './collect-options';
import { finishReportRunIfDone } from './finish-report-run';
import { COLLECT_SLICE_MS } from './jobs';
import { ReportAccountError } from './report-account-error';
import { readReportSettings } from './report-settings';
import { writeAccountDayFile } from './write-account-day-file';

const COLLECTORS = {
  creator: collectCreatorAccount,
  business: collectBusinessAccount,
  ads: collectAdsAccount,
} satisfies Record<string, (db: Db, options: CollectOptions) => Promise<CollectResult>>;

export type CollectReportAccountDeps = { storage: ObjectStorage };

/**
 * One account's part of a run (the `reports.collect-account` job): collect, write the day files,
 * record the outcome, and close the run when it was the last account. A finished account is never
 * collected twice; an interrupted one resumes from its saved progress. Rate limits snooze the job
 * (`TryLaterError` passes through); an error that retrying cannot fix, or the last attempt's
 * error, marks only this account failed, with its reason, and the run carries on.
 */
export async function collectReportAccount(
  db: Db,
  deps: CollectReportAccountDeps,
  { runId, accountId }: { runId: string; accountId: string },
  ctx: Pick<JobContext, 'attempt' | 'maxAttempts' | 'signal'>,
  sliceMs = COLLECT_SLICE_MS,
) {
  // Jittered: jobs that started together (a run's first batch) do not all yield, finish and get
  // claimed again in the same instant, a burst that stalls the process and bunches its TikTok calls.
  const sliceEndsAt = performance.now() + sliceMs * (0.75 + Math.random() / 4);
  const [entry] = await db
    .select({ run: reportRuns, part: reportRunAccounts, account: tiktokAccounts })
    .from(reportRunAccounts)
    .innerJoin(reportRuns, eq(reportRuns.id, reportRunAccounts.runId))
    .innerJoin(tiktokAccounts, eq(tiktokAccounts.id, reportRunAccounts.accountId))
    .where(and(eq(reportRunAccounts.runId, runId), eq(reportRunAccounts.accountId, accountId)));
  if (!entry) return { skipped: 'gone' };
  const { run, part, account } = entry;
  if (part.status === 'succeeded' || part.status === 'failed') {
    await finishReportRunIfDone(db, deps.storage, runId);
    return { skipped: part.status };
  }
  if (part.status === 'pending') {
    await db
      .update(reportRunAccounts)
      .set({ status: 'running', startedAt: now() })
      .where(and(eq(reportRunAccounts.runId, runId), eq(reportRunAccounts.accountId, accountId)));
    await announce(db, run.workspaceId, runId, accountId, 'running');
  }
  const settings = await readReportSettings(db, run.workspaceId);
  let progress = { ...(part.progress ?? {}) };
  try {
    const collectedAt = typeof progress.collectedAt === 'string' ? new Date(progress.collectedAt) : now();
    progress.collectedAt = collectedAt.toISOString();
    const result = await COLLECTORS[account.kind](db, {
      workspaceId: run.workspaceId,
      accountId,
      day: run.day,
      collectedAt,
      settleDays: settings.settleDays,
      progress,
      signal: ctx.signal,
      sliceEnded: () => performance.now() >= sliceEndsAt,
      saveProgress: async (next) => {
        progress = { ...progress, ...next };
        await db
          .update(reportRunAccounts)
          .set({ progress })
          .where(and(eq(reportRunAccounts.runId, runId), eq(reportRunAccounts.accountId, accountId)));
      },
    });
    let rows = 0;
    for (const day of result.days) {
      const written = await writeAccountDayFile(db, deps.storage, {
        workspaceId: run.workspaceId,
        slug: settings.slug,
        keyTemplate: settings.keyTemplate,
        account,
        day,
      });
      rows += written.rows;
    }
    await settle(db, run.workspaceId, runId, accountId, {
      status: 'succeeded',
      rows,
      error: null,
      progress: { ...progress, days: result.days },
    });
  } catch (error) {
    if (isTryLaterError(error) || ctx.signal.aborted) throw error;
    const final =
      error instanceof ReportAccountError ||
      (error instanceof AppError && error.status < 500) ||
      ctx.attempt >= ctx.maxAttempts;
    if (!final) throw error;
    if (!(error instanceof ReportAccountError) && !(error instanceof AppError)) {
      logError(`report collection failed for account ${accountId}`, error);
    }
    await markReportAccountFailed(db, deps.storage, { runId, accountId, error: failureReason(error) });
    return { failed: failureReason(error) };
  }
  await finishReportRunIfDone(db, deps.storage, runId);
  return { collected: true };
}

function failureReason(error: unknown): string {
  if (error instanceof ReportAccountError || error instanceof AppError) return error.message;
  return 'TikTok did not answer as expected. The next run will try again.';
}

/** Also the job's `onDead` hook: the account shows as failed with its reason and the run can close. */
export async function markReportAccountFailed(
  db: Db,
  storage: ObjectStorage,
  { runId, accountId, error }: { runId: string; accountId: string; error: string },
) {
  const [run] = await db
    .select({ workspaceId: reportRuns.workspaceId })
    .from(reportRuns)
    .where(eq(reportRuns.id, runId));
  if (!run) return;
  await settle(db, run.workspaceId, runId, accountId, { status: 'failed', rows: 0, error, progress: null });
  await finishReportRunIfDone(db, storage, runId);
}

async function settle(
  db: Db,
  workspaceId: string,
  runId: string,
  accountId: string,
  outcome: {
    status: 'succeeded' | 'failed';
    rows: number;
    error: string | null;
    progress: Record<string, unknown> | null;
  },
) {
  await db.transaction(async (tx) => {
    await tx
      .update(reportRunAccounts)
      .set({
        status: outcome.status,
        rows: outcome.rows,
        error: outcome.error,
        finishedAt: now(),
        ...(outcome.progress ? { progress: outcome.progress } : {}),
      })
      .where(and(eq(reportRunAccounts.runId, runId), eq(reportRunAccounts.accountId, accountId)));
    await announce(tx, workspaceId, runId, accountId, outcome.status);
  });
}

async function announce(
  db: Db,
  workspaceId: string,
  runId: string,
  accountId: string | null,
  status: 'running' | 'succeeded' | 'failed' | 'partial',
) {
  const [counts] = await db
    .select({
      total: sql<number>`count(*)::int`,
      done: sql<number>`count(*) filter (where ${reportRunAccounts.status} in ('succeeded', 'failed'))::int`,
    })
    .from(reportRunAccounts)
    .where(eq(reportRunAccounts.runId, runId));
  await publishLiveEvent(db, {
    workspaceId,
    type: 'report.progress',
    data: { runId, accountId, status, done: counts?.done ?? 0, total: counts?.total ?? 0 },
  });
}

export { announce as announceReportProgress };
