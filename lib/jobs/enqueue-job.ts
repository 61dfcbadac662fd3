import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import { appNowSql } from '@/lib/db/app-now-sql';
import { jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { buildJobRow, type EnqueueJobOptions } from './build-job-row';
import type { JobPayload, JobType } from './define-job';
import { notifyJobsSql } from './jobs-channel';
import { KICKABLE_JOB_TIMEOUT_MS, kickJobs } from './kick-jobs';
import { DEFAULT_JOB_TIMEOUT_MS } from './run-job';

export type { EnqueueJobOptions } from './build-job-row';

export type EnqueuedJob = { id: string; created: boolean };

/**
 * Adds a job. Pass the transaction of the write that causes the job, so both commit or neither
 * does: no job for a change that rolled back, no change without its job.
 *
 *   await enqueueJob(tx, sendMessageJob, { messageId }, { concurrencyKey: `conversation:${id}`, startNow: true });
 */
export async function enqueueJob<J extends JobType>(
  tx: Db,
  job: J,
  payload: JobPayload<J>,
  options: EnqueueJobOptions = {},
): Promise<EnqueuedJob> {
  const [result] = await enqueueJobs(tx, job, [{ payload, options }]);
  return result ?? { id: '', created: false };
}

/**
 * Adds many jobs of one type in one statement (a fan-out), each with its own options; results in
 * the same order. Entries whose dedupe key exists already are not added (`created: false`).
 */
export async function enqueueJobs<J extends JobType>(
  tx: Db,
  job: J,
  entries: readonly { payload: JobPayload<J>; options?: EnqueueJobOptions }[],
): Promise<EnqueuedJob[]> {
  if (entries.length === 0) return [];
  const timeoutMs = job.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  if (timeoutMs > KICKABLE_JOB_TIMEOUT_MS && entries.some((entry) => entry.options?.startNow)) {
    // A programming error, caught by the first test that takes the path.
    throw new Error(
      `${job.type} cannot start now: its ${timeoutMs} ms timeout exceeds the ${KICKABLE_JOB_TIMEOUT_MS} ms an after-response run has.`,
    );
  }
  const rows = entries.map((entry) => {
    const row = buildJobRow(job, entry.payload, entry.options);
    return { ...row, id: crypto.randomUUID(), runAt: row.runAt ?? appNowSql() };
  });
  const inserted = await tx
    .insert(jobs)
    .values(rows)
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  const created = new Set(inserted.map((row) => row.id));
  // Wakes idle standalone workers at commit instead of at their next poll.
  if (created.size > 0) await tx.execute(sql`select ${notifyJobsSql()}`);
  const skippedKeys = rows
    .filter((row) => !created.has(row.id) && row.dedupeKey)
    .map((row) => row.dedupeKey!);
  const existing =
    skippedKeys.length === 0
      ? []
      : await tx
          .select({ id: jobs.id, dedupeKey: jobs.dedupeKey })
          .from(jobs)
          .where(inArray(jobs.dedupeKey, skippedKeys));
  const results = rows.map((row) =>
    created.has(row.id)
      ? { id: row.id, created: true }
      : { id: existing.find((found) => found.dedupeKey === row.dedupeKey)?.id ?? '', created: false },
  );
  const startNow = results.filter((result, i) => result.created && entries[i]?.options?.startNow);
  if (startNow.length > 0) kickJobs(startNow.map((result) => result.id));
  return results;
}
