import 'server-only';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Db } from '@/lib/db/types';
import { requireOperator } from '@/lib/operators/require-operator';
import { kickJobs } from './kick-jobs';
import { requeueFailedJob } from './requeue-failed-job';

export type RetryJobAsOperatorOptions = { userId: string; jobId: string; ip?: string | null };

/** The operator's Retry: any failed or dead job, installation-wide ones included. 404 for non-operators. */
export async function retryJobAsOperator(db: Db, { userId, jobId, ip }: RetryJobAsOperatorOptions) {
  await requireOperator(db, userId);
  const retried = await db.transaction(async (tx) => {
    const job = await requeueFailedJob(tx, jobId, undefined);
    await recordAuditEvent(tx, {
      workspaceId: job.workspaceId,
      actorUserId: userId,
      action: 'job.retried',
      target: { type: 'job', id: job.id },
      metadata: { type: job.type, status: job.status, by: 'operator' },
      ip,
    });
    return { id: job.id };
  });
  kickJobs([retried.id]);
  return retried;
}
