import { z } from 'zod';
import { defineJob } from '@/lib/jobs/define-job';

/** Daily: uploads left unfinished past their expiry lose their parts, bytes and rows. */
export const pruneAbandonedUploadsJob = defineJob({
  type: 'media.prune-uploads',
  schema: z.object({}).loose(),
  maxAttempts: 3,
  timeoutMs: 40_000,
  schedule: { cron: '45 3 * * *', timeZone: 'UTC' },
});
