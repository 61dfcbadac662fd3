import 'server-only';
import { eq } from 'drizzle-orm';
import { jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { buildJobRow, type EnqueueJobOptions } from './build-job-row';
import type { JobType } from './job-registry';

export type { EnqueueJobOptions } from './build-job-row';

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
  const [row] = await tx
    .insert(jobs)
    .values(buildJobRow(options))
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
