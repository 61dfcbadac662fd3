import 'server-only';
import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { type Job, jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';

export type ClaimJobsOptions = {
  workerId: string;
  limit: number;
  /** How long the claim holds; after that another worker may take the job over. */
  leaseMs: number;
  /** Only these types (a runner dedicated to some work); all when omitted. */
  types?: readonly string[];
};

/**
 * Leases up to `limit` jobs to one worker: due `pending`/`failed` jobs, and `running` ones whose
 * lease ran out (their worker crashed or was killed). `FOR UPDATE SKIP LOCKED` lets any number of
 * workers claim at once without waiting on, or double-claiming, each other's rows. The attempt is
 * counted here, at claim time, so a job that kills its worker every time still runs out.
 */
export async function claimJobs(
  db: Db,
  { workerId, limit, leaseMs, types }: ClaimJobsOptions,
): Promise<Job[]> {
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        or(
          and(inArray(jobs.status, ['pending', 'failed']), lte(jobs.runAt, sql`now()`)),
          and(eq(jobs.status, 'running'), lt(jobs.lockedUntil, sql`now()`)),
        ),
        types ? inArray(jobs.type, [...types]) : undefined,
      ),
    )
    .orderBy(asc(jobs.runAt))
    .limit(limit)
    .for('update', { skipLocked: true });

  return db
    .update(jobs)
    .set({
      status: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      lockedBy: workerId,
      lockedUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
      updatedAt: sql`now()`,
    })
    .where(inArray(jobs.id, due))
    .returning();
}
