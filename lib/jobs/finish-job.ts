import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { type Job, jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

export type JobOutcome =
  | { kind: 'succeeded'; result: unknown }
  | { kind: 'failed'; error: string; retryInMs: number }
  | { kind: 'dead'; error: string };

export type FinishJobOptions = {
  job: Pick<Job, 'id' | 'attempts'>;
  workerId: string;
  outcome: JobOutcome;
};

/**
 * Records how a run ended, only if this worker still holds this attempt's lease. False means the
 * lease ran out and another worker took the job over: its result wins, ours is dropped.
 */
export async function finishJob(db: Db, { job, workerId, outcome }: FinishJobOptions): Promise<boolean> {
  const unlocked = { lockedBy: null, lockedUntil: null, updatedAt: sql`now()` };
  const values =
    outcome.kind === 'succeeded'
      ? { ...unlocked, status: 'succeeded' as const, result: outcome.result ?? null, finishedAt: sql`now()` }
      : outcome.kind === 'failed'
        ? {
            ...unlocked,
            status: 'failed' as const,
            lastError: outcome.error,
            runAt: sql`now() + make_interval(secs => ${outcome.retryInMs / 1000})`,
          }
        : { ...unlocked, status: 'dead' as const, lastError: outcome.error, finishedAt: sql`now()` };
  const updated = await db
    .update(jobs)
    .set(values)
    .where(
      and(
        eq(jobs.id, job.id),
        eq(jobs.status, 'running'),
        eq(jobs.lockedBy, workerId),
        eq(jobs.attempts, job.attempts),
      ),
    )
    .returning({ id: jobs.id });
  return updated.length > 0;
}
