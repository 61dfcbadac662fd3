import type { z } from 'zod';
import type { Db } from '@/lib/db/types';

export type JobContext = {
  db: Db;
  jobId: string;
  /** 1 on the first run; a job may run again after a crash even if an earlier run got far. */
  attempt: number;
  maxAttempts: number;
  workerId: string;
  /** Aborts when the job's `timeoutMs` is up; pass it to fetches and long loops. */
  signal: AbortSignal;
};

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  /** Parses the stored payload on every run: payloads outlive the code that wrote them. */
  schema: S;
  /**
   * Must be idempotent: delivery is at least once. A worker can die after the work is done but
   * before the job is marked succeeded, and the job then runs again once its lease expires.
   * Check the current state first and make every write conditional on it.
   */
  handle(payload: z.output<S>, ctx: JobContext): Promise<unknown>;
  /** Default attempts for jobs of this type (enqueue may override). */
  maxAttempts?: number;
  /** Must stay below the claim lease, or a slow run could be reclaimed while still working. */
  timeoutMs?: number;
  backoff?: { baseMs: number; maxMs: number };
};

/** Identity function that keeps the payload type of a handler tied to its schema. */
export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}
