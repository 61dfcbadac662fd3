import { z } from 'zod';
import { defineJob } from '@/lib/jobs/define-job';

/**
 * One post on one account, from init to a final status: upload chunks, then wait for TikTok (webhook
 * first, status/fetch as fallback) by snoozing. Long uploads run in slices that end by snoozing, so
 * a run always fits its timeout and progress is never more than one chunk behind.
 */
export const publishPostTargetJob = defineJob({
  type: 'publishing.publish-target',
  schema: z.object({ targetId: z.string().min(1) }),
  maxAttempts: 6,
  // Fits a cron call (60 s functions) and an after-response kick: long uploads continue in slices.
  timeoutMs: 40_000,
  backoff: { baseMs: 5_000, maxMs: 120_000 },
  // 30 min of fast polls + 23.5 h of slow ones stay well below this; then the post ends unconfirmed.
  maxSnoozes: 2000,
  snoozeWindowMs: 3 * 24 * 3600_000,
});
