import 'server-only';
import type { Job } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { logError } from '@/lib/log/log-error';
import { computeBackoff, DEFAULT_BACKOFF } from './compute-backoff';
import { describeJobError } from './describe-job-error';
import { finishJob, type JobOutcome } from './finish-job';
import { PermanentJobError, RetryJobLaterError } from './job-errors';
import type { JobRegistry } from './job-registry';

export const DEFAULT_JOB_TIMEOUT_MS = 30_000;

export type RunJobOptions = {
  job: Job;
  workerId: string;
  registry: JobRegistry;
};

export type RunJobResult = { outcome: JobOutcome['kind']; leaseLost: boolean };

/** Runs one claimed job through its handler and records the outcome. Never throws for handler errors. */
export async function runJob(db: Db, { job, workerId, registry }: RunJobOptions): Promise<RunJobResult> {
  const outcome = await execute(db, { job, workerId, registry });
  if (outcome.kind !== 'succeeded') {
    logError(
      `job ${job.type} ${job.id} attempt ${job.attempts}/${job.maxAttempts} ${outcome.kind}`,
      outcome.error,
    );
  }
  const recorded = await finishJob(db, { job, workerId, outcome });
  return { outcome: outcome.kind, leaseLost: !recorded };
}

async function execute(db: Db, { job, workerId, registry }: RunJobOptions): Promise<JobOutcome> {
  if (job.attempts > job.maxAttempts) {
    // Reclaimed after its lease ran out on the last attempt: the worker died mid-run.
    return {
      kind: 'dead',
      error: job.lastError ?? 'The worker running the last attempt stopped before finishing.',
    };
  }
  const definition = registry[job.type];
  const backoff = definition?.backoff ?? DEFAULT_BACKOFF;
  const retryOrDie = (error: string, retryInMs = computeBackoff(job.attempts, backoff)): JobOutcome =>
    job.attempts >= job.maxAttempts ? { kind: 'dead', error } : { kind: 'failed', error, retryInMs };

  // A job enqueued by a newer deploy than this worker's: leave it for a worker that knows it.
  if (!definition) return retryOrDie(`No handler for job type "${job.type}" in this deploy.`);
  const parsed = definition.schema.safeParse(job.payload);
  if (!parsed.success)
    return { kind: 'dead', error: `Invalid payload: ${parsed.error.issues[0]?.message ?? ''}` };

  const timeoutMs = definition.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new Error(
          `Timed out after ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}.`,
        ),
      );
    }, timeoutMs);
  });
  try {
    const result = await Promise.race([
      definition.handle(parsed.data, {
        db,
        jobId: job.id,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        workerId,
        signal: controller.signal,
      }),
      timedOut,
    ]);
    return { kind: 'succeeded', result: toJson(result) };
  } catch (error) {
    if (error instanceof PermanentJobError) return { kind: 'dead', error: describeJobError(error) };
    if (error instanceof RetryJobLaterError) return retryOrDie(describeJobError(error), error.delayMs);
    return retryOrDie(describeJobError(error));
  } finally {
    clearTimeout(timer);
  }
}

/** Results land in a jsonb column: keep plain data only. */
function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return null;
  }
}
