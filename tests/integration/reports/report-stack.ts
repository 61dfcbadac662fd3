import { eq, inArray, sql } from 'drizzle-orm';
import { jobs, reportRunAccounts, reportRuns, workspaces } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { handleJob } from '@/lib/jobs/define-job';
import { createJobRegistry } from '@/lib/jobs/job-registry';
import { runDueJobs } from '@/lib/jobs/run-due-jobs';
import { collectReportAccount, markReportAccountFailed } from '@/lib/reports/collect-report-account';
import { collectReportAccountJob } from '@/lib/reports/jobs';
import { startReportRun } from '@/lib/reports/start-report-run';
import type { ObjectStorage } from '@/lib/storage/object-storage';

/** The runner registry of the reports feature, bound to the test's own storage. */
export function reportRegistry(storage: ObjectStorage) {
  return createJobRegistry([
    handleJob(
      collectReportAccountJob,
      (payload, ctx) => collectReportAccount(ctx.db, { storage }, payload, ctx),
      {
        onDead: (payload, { db, error }) => markReportAccountFailed(db, storage, { ...payload, error }),
      },
    ),
  ]);
}

/** Runs the queue until the run's jobs are all finished; retries and snoozes are made due at once. */
export async function drainReportJobs(db: Db, storage: ObjectStorage, rounds = 20) {
  const registry = reportRegistry(storage);
  for (let round = 0; round < rounds; round++) {
    await runDueJobs({ db, registry, workerId: `test-${round}`, budgetMs: 20_000, concurrency: 4 });
    const waiting = await db
      .select({ id: jobs.id })
      .from(jobs)
      .where(inArray(jobs.status, ['pending', 'failed', 'running']));
    if (waiting.length === 0) return;
    await db
      .update(jobs)
      .set({ runAt: sql`now() - interval '1 hour'` })
      .where(inArray(jobs.status, ['pending', 'failed']));
  }
  throw new Error('report jobs did not finish');
}

/** "Run now" and wait for the run to end; returns the run and its accounts. */
export async function runReportsNow(db: Db, storage: ObjectStorage, workspaceId: string) {
  const { run } = await startReportRun(db, { workspaceId, trigger: 'manual' });
  await drainReportJobs(db, storage);
  const [finished] = await db.select().from(reportRuns).where(eq(reportRuns.id, run.id));
  const parts = await db.select().from(reportRunAccounts).where(eq(reportRunAccounts.runId, run.id));
  return { run: finished!, parts };
}

export async function workspaceSlug(db: Db, workspaceId: string) {
  const [row] = await db
    .select({ slug: workspaces.slug })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row!.slug;
}

export async function readObject(storage: ObjectStorage, key: string): Promise<Buffer> {
  const object = await storage.get(key);
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
