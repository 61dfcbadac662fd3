import { z } from 'zod';
import { defineJob } from '@/lib/jobs/define-job';

/** Daily: drops live-feed events past their retention. */
export const pruneLiveEventsJob = defineJob({
  type: 'live.prune',
  schema: z.object({}).loose(),
  maxAttempts: 3,
  timeoutMs: 40_000,
  schedule: { cron: '15 3 * * *', timeZone: 'UTC' },
});
