import { z } from 'zod';
import { defineJob } from './define-job';

/** Daily housekeeping: deletes old finished jobs and handled webhook events, in bounded chunks. */
export const pruneFinishedJobsJob = defineJob({
  type: 'jobs.prune',
  schema: z.object({}).loose(),
  maxAttempts: 3,
  // Fits a cron call; a prune with more to do snoozes and carries on in the next run.
  timeoutMs: 40_000,
  schedule: { cron: '30 3 * * *', timeZone: 'UTC' },
});
