import 'server-only';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';

/**
 * Puts a failed or dead job back in the queue, due now, among the jobs `visible` allows. A dead job
 * gets one more attempt (not a fresh set): if the cause is still there it is dead again after one
 * try, not after another hour of backoff. Call inside a transaction.
 */
export async function requeueFailedJob(tx: Db, jobId: string, visible: SQL | undefined) {
  const [job] = await tx
    .select({ id: jobs.id, type: jobs.type, status: jobs.status, workspaceId: jobs.workspaceId })
    .from(jobs)
    .where(and(eq(jobs.id, jobId), visible))
    .for('update');
  if (!job) throw new AppError({ code: 'not_found', message: 'This job does not exist or was cleaned up.' });
  if (job.status !== 'failed' && job.status !== 'dead') {
    throw new AppError({
      code: 'conflict',
      message: 'Only failed or dead jobs can be retried; this one is already queued.',
    });
  }
  await tx
    .update(jobs)
    .set({
      status: 'pending',
      runAt: sql`now()`,
      maxAttempts: sql`greatest(${jobs.maxAttempts}, ${jobs.attempts} + 1)`,
      lockedBy: null,
      lockedUntil: null,
      finishedAt: null,
      updatedAt: sql`now()`,
    })
    .where(and(eq(jobs.id, jobId), inArray(jobs.status, ['failed', 'dead'])));
  return job;
}
