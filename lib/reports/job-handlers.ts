import 'server-only';
import { handleJob } from '@/lib/jobs/define-job';
import { getStorage } from '@/lib/storage/get-storage';
import { collectReportAccount, markReportAccountFailed } from './collect-report-account';
import { collectReportAccountJob, dailyReportJob } from './jobs';
import { startReportRun } from './start-report-run';

/** The reports feature's jobs, for the runner registry (lib/job-handlers). */
export const reportJobHandlers = [
  handleJob(dailyReportJob, async ({ workspaceId }, ctx) => {
    const { run, accounts } = await startReportRun(ctx.db, { workspaceId, trigger: 'schedule' });
    return { runId: run.id, accounts };
  }),
  handleJob(
    collectReportAccountJob,
    (payload, ctx) => collectReportAccount(ctx.db, { storage: getStorage() }, payload, ctx),
    {
      onDead: (payload, { db, error }) =>
        markReportAccountFailed(db, getStorage(), {
          ...payload,
          error: `Collection gave up: ${error.slice(0, 200)}`,
        }),
    },
  ),
];
