import { z } from 'zod';
import { defineJob } from '@/lib/jobs/define-job';

/** A workspace's daily run, fired by its schedule row (`reports.daily:<workspace id>`). */
export const dailyReportJob = defineJob({
  type: 'reports.daily',
  schema: z.object({ workspaceId: z.string().min(1) }),
  maxAttempts: 3,
});

/**
 * How long one attempt collects before it yields and the job continues at once in a fresh attempt
 * (a zero-delay snooze): well inside the timeout, leaving room for the day files. A backfill that
 * shares the app's Marketing limit with many advertisers takes minutes, and running into the
 * timeout would cost an attempt plus a 30 s backoff each time.
 */
export const COLLECT_SLICE_MS = 25_000;

/** One account's part of a run; resumes from its saved progress after a crash or a timeout. */
export const collectReportAccountJob = defineJob({
  type: 'reports.collect-account',
  schema: z.object({ runId: z.string().min(1), accountId: z.string().min(1) }),
  maxAttempts: 5,
  // Fits a cron call and, for "run now", an after-response run (KICKABLE_JOB_TIMEOUT_MS); a longer
  // collection continues from its saved cursor in the next attempt.
  timeoutMs: 40_000,
  backoff: { baseMs: 30_000, maxMs: 15 * 60_000 },
  concurrencyKey: (payload) => `report-account:${payload.accountId}`,
  maxSnoozes: 5000,
});
