import 'server-only';
import { requireMembership } from '@/lib/access/require-membership';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Db } from '@/lib/db/types';
import { jobVisibleTo } from './job-visible-to';
import { kickJobs } from './kick-jobs';
import { requeueFailedJob } from './requeue-failed-job';

export type RetryJobOptions = { workspaceId: string; userId: string; jobId: string; ip?: string | null };

/**
 * Runs a failed or dead job of the workspace again, started right after the response. Owners and
 * admins, and only for the workspace's own jobs: installation-wide ones are the operator's (404).
 */
export async function retryJob(db: Db, { workspaceId, userId, jobId, ip }: RetryJobOptions) {
  await requireMembership(db, { workspaceId, userId, roles: ['owner', 'admin'] });
  const retried = await db.transaction(async (tx) => {
    const job = await requeueFailedJob(tx, jobId, jobVisibleTo(workspaceId));
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
  kickJobs([retried.id]);
  return retried;
}
