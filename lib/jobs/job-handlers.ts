import 'server-only';
import { now } from '@/lib/time/clock';
import { handleJob } from './define-job';
import { pruneFinishedJobsJob } from './jobs';
import { pruneFinishedJobs } from './prune-finished-jobs';

/** The job platform's own jobs, for the runner registry (lib/job-handlers). */
export const maintenanceJobHandlers = [
  handleJob(pruneFinishedJobsJob, async (_payload, ctx) => {
    const deleted = await pruneFinishedJobs(ctx.db, { now: now(), signal: ctx.signal });
    if (!deleted.done) ctx.snooze(1000, 'More to delete: carrying on in a fresh run.');
    return deleted;
  }),
];
