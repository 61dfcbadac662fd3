import 'server-only';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Db } from '@/lib/db/types';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import type { JobRegistry } from './job-registry';
import { type RunDueJobsResult, runDueJobs } from './run-due-jobs';

/** Kept back from the function's maxDuration: start-up, the response, clock slack. */
const CRON_SAFETY_MS = 5000;

export type RunJobsFromCronOptions = {
  authorization: string | null;
  registry: JobRegistry;
  /** The route's `maxDuration` in ms: no run it claims may end later than this allows. */
  maxDurationMs: number;
};

/**
 * The cron runner: Vercel Cron sends `Authorization: Bearer <CRON_SECRET>`; anyone else gets 401.
 * It claims only jobs whose timeout fits in the time the function has left, so a run is never cut
 * off by the platform mid-job.
 */
export async function runJobsFromCron(
  db: Db,
  { authorization, registry, maxDurationMs }: RunJobsFromCronOptions,
): Promise<RunDueJobsResult> {
  if (!bearerMatches(authorization, env.CRON_SECRET)) {
    throw new AppError({ code: 'unauthenticated', message: 'Unauthorized.' });
  }
  const deadlineMs = Math.max(0, maxDurationMs - CRON_SAFETY_MS);
  return runDueJobs({ db, registry, budgetMs: deadlineMs, deadlineMs, workerId: `cron:${randomUUID()}` });
}

function bearerMatches(header: string | null, secret: string): boolean {
  const presented = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  // Hashing first gives equal-length inputs, so the comparison leaks neither content nor length.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return presented.length > 0 && timingSafeEqual(digest(presented), digest(secret));
}
