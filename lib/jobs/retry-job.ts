import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { AppError } from '@/lib/errors/app-error';
import { jobVisibleTo } from '@/lib/webhooks/visible-to-workspace';
import { requireMembership } from '@/lib/workspaces/require-membership';

export type RetryJobOptions = { workspaceId: string; userId: string; jobId: string; ip?: string | null };

/**
 * Runs a failed or dead job again now. A dead job gets one more attempt (not a fresh set): if the
 * cause is still there it is dead again after one try, not after another hour of backoff.
 * Owners and admins, and only for jobs their workspace may see.
 */
export async function retryJob(db: Db, { workspaceId, userId, jobId, ip }: RetryJobOptions) {
  await requireMembership(db, { workspaceId, userId, roles: ['owner', 'admin'] });
  return db.transaction(async (tx) => {
    const [job] = await tx
      .select({ id: jobs.id, type: jobs.type, status: jobs.status })
      .from(jobs)
      .where(and(eq(jobs.id, jobId), jobVisibleTo(workspaceId)))
      .for('update');
    if (!job)
      throw new AppError({ code: 'not_found', message: 'This job does not exist or was cleaned up.' });
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
    await recordAuditEvent(tx, {
      workspaceId,
      actorUserId: userId,
      action: 'job.retried',
      target: { type: 'job', id: job.id },
      metadata: { type: job.type, status: job.status },
      ip,
    });
    return { id: job.id };
  });
}
