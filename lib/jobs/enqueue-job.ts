import 'server-only';
import { eq } from 'drizzle-orm';
import { jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { JOB_REGISTRY, type JobPayload, type JobType } from './job-registry';

export const DEFAULT_MAX_ATTEMPTS = 8;

export type EnqueueJobOptions<T extends JobType> = {
  type: T;
  payload: JobPayload<T>;
  /** Not before this time; now when omitted. */
  runAt?: Date;
  maxAttempts?: number;
  /** A second enqueue with the same key does nothing while the first job's row exists. */
  dedupeKey?: string;
  /** Scope the job to one workspace (its admins see it in Settings → Webhooks & jobs). */
  workspaceId?: string;
  /** Or to whichever workspaces hold this TikTok account. */
  accountOpenId?: string;
};

export type EnqueuedJob = { id: string; created: boolean };

/**
 * Adds a job. Pass the transaction of the write that causes the job, so both commit or neither
 * does: no job for a change that rolled back, no change without its job. The payload is checked
 * against the type's schema here, so a bad payload fails the caller, not a worker hours later.
 */
export async function enqueueJob<T extends JobType>(
  tx: Db,
  options: EnqueueJobOptions<T>,
): Promise<EnqueuedJob> {
  const definition = JOB_REGISTRY[options.type];
  const payload: unknown = definition.schema.parse(options.payload);
  const [row] = await tx
    .insert(jobs)
    .values({
      type: options.type,
      payload,
      // The database clock, like the claim query, so app/DB clock skew cannot delay a job.
      runAt: options.runAt,
      maxAttempts: options.maxAttempts ?? definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      dedupeKey: options.dedupeKey ?? null,
      workspaceId: options.workspaceId ?? null,
      accountOpenId: options.accountOpenId ?? null,
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  if (row) return { id: row.id, created: true };
  const [existing] = await tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(eq(jobs.dedupeKey, options.dedupeKey ?? ''))
    .limit(1);
  return { id: existing?.id ?? '', created: false };
}
