import 'server-only';
import type { Db } from '@/lib/db/types';
import { TryLaterError } from '@/lib/errors/try-later-error';
import { logError } from '@/lib/log/log-error';
import { nowMs } from '@/lib/time/clock';
import type { ClaimedJob } from './claim-jobs';
import { computeBackoff, DEFAULT_BACKOFF } from './compute-backoff';
import type { JobContext, JobHandler } from './define-job';
import { describeJobError } from './describe-job-error';
import type { JobOutcome } from './finish-jobs';
import { PermanentJobError, RetryJobLaterError } from './job-errors';

export const DEFAULT_JOB_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_SNOOZES = 1000;
export const DEFAULT_SNOOZE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** Longest single snooze: longer waits are better expressed as a scheduled run. */
export const MAX_SNOOZE_DELAY_MS = 24 * 60 * 60 * 1000;
/** After its signal fires, how long a handler gets to stop before its slot is given back. */
export const ABORT_GRACE_MS = 2000;

/** The reason a run's signal carries when its time was up. */
export class JobTimeoutError extends Error {
  override name = 'TimeoutError';
}

/** The reason a run's signal carries when another worker took the job over. */
export class JobLeaseLostError extends Error {
  override name = 'LeaseLostError';
}

export type RunJobOptions = {
  db: Db;
  job: ClaimedJob;
  handler: JobHandler | undefined;
  workerId: string;
  /** Aborted by the runner when the lease is lost; the timeout aborts it too. */
  controller: AbortController;
  graceMs?: number;
};

/**
 * Runs one claimed job through its handler and says how it ended. Never throws for handler errors.
 * A run that outlives its timeout is told to stop (its signal fires), and whatever it returns later
 * is ignored: the outcome is the timeout.
 */
export async function runJob(options: RunJobOptions): Promise<JobOutcome> {
  const outcome = await execute(options);
  const { job } = options;
  if (outcome.kind === 'failed' || outcome.kind === 'dead') {
    logError(
      `job ${job.type} ${job.id} attempt ${job.attempts}/${job.maxAttempts} ${outcome.kind}`,
      outcome.error,
    );
  }
  return outcome;
}

async function execute({ db, job, handler, workerId, controller, graceMs = ABORT_GRACE_MS }: RunJobOptions) {
  if (job.attempts > job.maxAttempts) {
    // Reclaimed after its lease ran out on the last attempt: the worker died mid-run.
    return dead(job.lastError ?? 'The worker running the last attempt stopped before finishing.');
  }
  const backoff = handler?.job.backoff ?? DEFAULT_BACKOFF;
  const retryOrDie = (error: string, retryInMs = computeBackoff(job.attempts, backoff)): JobOutcome =>
    job.attempts >= job.maxAttempts ? dead(error) : { kind: 'failed', error, retryInMs };

  // A job enqueued by a newer deploy than this runner's: leave it for a runner that knows it.
  if (!handler) return retryOrDie(`No handler for job type "${job.type}" in this deploy.`);
  const parsed = handler.job.schema.safeParse(job.payload);
  if (!parsed.success) return dead(`Invalid payload: ${parsed.error.issues[0]?.message ?? ''}`);

  const timeoutMs = handler.job.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  const timer = setTimeout(
    () => controller.abort(new JobTimeoutError(`Timed out after ${formatMs(timeoutMs)}.`)),
    timeoutMs,
  );
  const ctx: JobContext = {
    db,
    jobId: job.id,
    attempt: job.attempts,
    maxAttempts: job.maxAttempts,
    snoozes: job.snoozes,
    enqueuedAt: job.createdAt,
    workerId,
    signal: controller.signal,
    snooze: (delayMs, reason) => {
      throw new TryLaterError(reason, delayMs);
    },
  };
  type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };
  const run: Promise<Settled> = Promise.resolve()
    .then(() => handler.handle(parsed.data, ctx))
    .then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  const aborted = new Promise<'aborted'>((resolve) => {
    if (controller.signal.aborted) resolve('aborted');
    controller.signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  try {
    const first = await Promise.race([run, aborted]);
    if (first === 'aborted') {
      await Promise.race([run, new Promise((resolve) => setTimeout(resolve, graceMs).unref?.())]);
      const reason: unknown = controller.signal.reason;
      return retryOrDie(reason instanceof Error ? reason.message : describeJobError(reason));
    }
    if (first.ok) return { kind: 'succeeded', result: toJson(first.value) } satisfies JobOutcome;
    const error = first.error;
    const tryLater = findTryLater(error);
    if (tryLater) return snoozeOrDie(job, handler, tryLater);
    if (error instanceof PermanentJobError) return dead(describeJobError(error));
    if (error instanceof RetryJobLaterError) return retryOrDie(describeJobError(error), error.delayMs);
    return retryOrDie(describeJobError(error));
  } finally {
    clearTimeout(timer);
  }
}

function snoozeOrDie(job: ClaimedJob, handler: JobHandler, error: TryLaterError): JobOutcome {
  const reason = describeJobError(error.message || 'Waiting.');
  const maxSnoozes = handler.job.maxSnoozes ?? DEFAULT_MAX_SNOOZES;
  const windowMs = handler.job.snoozeWindowMs ?? DEFAULT_SNOOZE_WINDOW_MS;
  if (job.snoozes >= maxSnoozes) {
    return dead(
      `Gave up waiting after ${job.snoozes} snoozes (the limit for ${job.type}). Last reason: ${reason}`,
    );
  }
  const waited = nowMs() - job.createdAt.getTime();
  if (waited >= windowMs) {
    return dead(
      `Gave up waiting after ${formatMs(waited)} (the limit for ${job.type} is ${formatMs(windowMs)}). Last reason: ${reason}`,
    );
  }
  const requested = Number.isFinite(error.delayMs) ? error.delayMs : 1000;
  return { kind: 'snoozed', reason, delayMs: Math.min(Math.max(0, requested), MAX_SNOOZE_DELAY_MS) };
}

/** A TryLaterError thrown directly or wrapped (as a `cause`) by code between it and the handler. */
function findTryLater(error: unknown): TryLaterError | null {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof TryLaterError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

const dead = (error: string): JobOutcome => ({ kind: 'dead', error });

function formatMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 2 * 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 2 * 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
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
