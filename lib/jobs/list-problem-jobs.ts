import 'server-only';
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { requireMembership } from '@/lib/access/require-membership';
import { type JobStatus, jobs, webhookEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { jobVisibleTo } from './job-visible-to';

export type ProblemJobView = {
  id: string;
  type: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  snoozes: number;
  lastError: string | null;
  /** Why a pending job waits (its last snooze reason). */
  note: string | null;
  /** For `failed`: when the next attempt runs. */
  runAt: Date;
  updatedAt: Date;
  /** What the job is about, when it can be told (the event name for webhook jobs). */
  subject: string | null;
  workspaceId: string | null;
};

export type ListProblemJobsOptions = { workspaceId: string; userId: string; limit?: number };

/** Failed (retrying) and dead jobs the workspace may see, most recently changed first. Owners and admins only. */
export async function listProblemJobs(
  db: Db,
  { workspaceId, userId, limit = 50 }: ListProblemJobsOptions,
): Promise<ProblemJobView[]> {
  await requireMembership(db, { workspaceId, userId, roles: ['owner', 'admin'] });
  return selectJobViews(db, and(inArray(jobs.status, ['failed', 'dead']), jobVisibleTo(workspaceId)), limit);
}

/** Job rows as the settings and operator pages show them, newest change first. */
export function selectJobViews(db: Db, where: SQL | undefined, limit: number): Promise<ProblemJobView[]> {
  return db
    .select({
      id: jobs.id,
      type: jobs.type,
      status: jobs.status,
      attempts: jobs.attempts,
      maxAttempts: jobs.maxAttempts,
      snoozes: jobs.snoozes,
      lastError: jobs.lastError,
      note: jobs.note,
      runAt: jobs.runAt,
      updatedAt: jobs.updatedAt,
      subject: webhookEvents.event,
      workspaceId: jobs.workspaceId,
    })
    .from(jobs)
    .leftJoin(
      webhookEvents,
      and(eq(jobs.type, 'webhooks.process-event'), eq(webhookEvents.id, sql`${jobs.payload}->>'eventId'`)),
    )
    .where(where)
    .orderBy(desc(jobs.updatedAt))
    .limit(Math.min(Math.max(1, limit), 200));
}
