import 'server-only';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { type JobStatus, jobs, webhookEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { jobVisibleTo } from '@/lib/webhooks/visible-to-workspace';
import { requireMembership } from '@/lib/workspaces/require-membership';

export type ProblemJobView = {
  id: string;
  type: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  /** For `failed`: when the next attempt runs. */
  runAt: Date;
  updatedAt: Date;
  /** What the job is about, when it can be told (the event name for webhook jobs). */
  subject: string | null;
};

export type ListProblemJobsOptions = { workspaceId: string; userId: string; limit?: number };

/** Failed (retrying) and dead jobs the workspace may see, most recently changed first. Owners and admins only. */
export async function listProblemJobs(
  db: Db,
  { workspaceId, userId, limit = 50 }: ListProblemJobsOptions,
): Promise<ProblemJobView[]> {
  await requireMembership(db, { workspaceId, userId, roles: ['owner', 'admin'] });
  return db
    .select({
      id: jobs.id,
      type: jobs.type,
      status: jobs.status,
      attempts: jobs.attempts,
      maxAttempts: jobs.maxAttempts,
      lastError: jobs.lastError,
      runAt: jobs.runAt,
      updatedAt: jobs.updatedAt,
      subject: webhookEvents.event,
    })
    .from(jobs)
    .leftJoin(
      webhookEvents,
      and(eq(jobs.type, 'webhooks.process-event'), eq(webhookEvents.id, sql`${jobs.payload}->>'eventId'`)),
    )
    .where(and(inArray(jobs.status, ['failed', 'dead']), jobVisibleTo(workspaceId)))
    .orderBy(desc(jobs.updatedAt))
    .limit(Math.min(limit, 200));
}
