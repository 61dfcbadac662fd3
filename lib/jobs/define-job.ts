import type { z } from 'zod';
import type { Db } from '@/lib/db/types';
import type { BackoffOptions } from './compute-backoff';

/**
 * A job type as the code that enqueues it sees it: name, payload schema and run options. Lives in
 * the owning domain's `lib/<domain>/jobs.ts`, which imports nothing but this folder and zod, so
 * enqueueing never pulls a handler into a bundle. The handler is bound separately (`handleJob`) and
 * registered only where runners start (`lib/job-handlers`).
 *
 * A type's name is stored in rows that outlive a deploy: rename only with a migration of the queued
 * rows, and keep payload schemas backwards compatible (add optional fields).
 */
export type JobType<S extends z.ZodType = z.ZodType, T extends string = string> = {
  readonly type: T;
  /** Checked at enqueue (the caller fails, not a worker hours later) and again on every run. */
  readonly schema: S;
  /** Default attempts for jobs of this type (enqueue may override); 8 when unset. */
  readonly maxAttempts?: number;
  /**
   * A run longer than this is aborted (its `signal` fires) and counted as a failed attempt; 30 s when
   * unset. Runners that must end by a deadline (a cron call) only claim types whose timeout fits.
   */
  readonly timeoutMs?: number;
  readonly backoff?: BackoffOptions;
  /** At most this many jobs of the type run at once, across every runner; unlimited when unset. */
  readonly maxConcurrency?: number;
  /**
   * Jobs with the same key run one at a time, across every runner (one account, one conversation).
   * Enqueue may override it with `concurrencyKey`.
   */
  readonly concurrencyKey?: (payload: z.output<S>) => string | null;
  /** A job may snooze this many times before it ends as dead; 1000 when unset. */
  readonly maxSnoozes?: number;
  /** …or for this long after it was enqueued; 7 days when unset. */
  readonly snoozeWindowMs?: number;
  /**
   * An installation-wide recurring run of this type, kept in `job_schedules` (id = the type) and
   * synced from here when a runner starts. Per-workspace schedules are added at run time instead
   * (`setJobSchedule`).
   */
  readonly schedule?: { cron: string; timeZone?: string; payload?: z.input<S> };
};

export type JobPayload<J extends JobType> = z.input<J['schema']>;

/** Identity function that keeps the payload type tied to the schema and the name literal. */
export function defineJob<S extends z.ZodType, const T extends string>(spec: JobType<S, T>): JobType<S, T> {
  return spec;
}

export type JobContext = {
  db: Db;
  jobId: string;
  /** 1 on the first run; a snooze gives its attempt back. A job may run again after a crash. */
  attempt: number;
  maxAttempts: number;
  /** How often this job has snoozed so far (a status poll can slow down as this grows). */
  snoozes: number;
  enqueuedAt: Date;
  workerId: string;
  /**
   * Aborts when the run's `timeoutMs` is up or its lease was lost (another worker took over): pass
   * it to fetches, streams and loops, and stop writing when it fires. `signal.reason` says which.
   */
  signal: AbortSignal;
  /**
   * Ends this run and runs the job again after `delayMs` without using up an attempt: waiting for a
   * rate limit, or for TikTok to finish processing. `throw new TryLaterError(…)` from any depth does
   * the same. Bounded per type by `maxSnoozes` and `snoozeWindowMs`.
   */
  snooze: (delayMs: number, reason: string) => never;
};

export type JobHandlerFn<S extends z.ZodType = z.ZodType> = (
  payload: z.output<S>,
  ctx: JobContext,
) => Promise<unknown>;

export type JobHandler = {
  job: JobType;
  handle: JobHandlerFn;
  /**
   * Called once when a job of this type ends as dead (out of attempts or snoozes, or a permanent
   * error), so the feature can mark its own row failed with the reason. Errors here are logged only.
   */
  onDead?: (payload: unknown, info: { db: Db; jobId: string; error: string }) => Promise<void>;
};

/** Binds the code that runs a job type. Only runner-side modules (`lib/job-handlers`) import these. */
export function handleJob<S extends z.ZodType, T extends string>(
  job: JobType<S, T>,
  handle: JobHandlerFn<S>,
  hooks: {
    onDead?: (payload: z.output<S>, info: { db: Db; jobId: string; error: string }) => Promise<void>;
  } = {},
): JobHandler {
  return {
    job: job as unknown as JobType,
    handle: handle as JobHandlerFn,
    onDead: hooks.onDead as JobHandler['onDead'],
  };
}
