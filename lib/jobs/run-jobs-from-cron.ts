import 'server-only';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Db } from '@/lib/db/types';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { type RunDueJobsResult, runDueJobs } from './run-due-jobs';

/** Vercel allows 60 s and more per run; stop claiming at 50 s so claimed jobs can finish. */
export const CRON_BUDGET_MS = 50_000;

export type RunJobsFromCronOptions = { authorization: string | null; budgetMs?: number };

/** The cron runner: Vercel Cron sends `Authorization: Bearer <CRON_SECRET>`; anyone else gets 401. */
export async function runJobsFromCron(
  db: Db,
  { authorization, budgetMs = CRON_BUDGET_MS }: RunJobsFromCronOptions,
): Promise<RunDueJobsResult> {
  if (!bearerMatches(authorization, env.CRON_SECRET)) {
    throw new AppError({ code: 'unauthenticated', message: 'Unauthorized.' });
  }
  return runDueJobs({ db, budgetMs, workerId: `cron:${randomUUID()}` });
}

function bearerMatches(header: string | null, secret: string): boolean {
  const presented = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  // Hashing first gives equal-length inputs, so the comparison leaks neither content nor length.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return presented.length > 0 && timingSafeEqual(digest(presented), digest(secret));
}
