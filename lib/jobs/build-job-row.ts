import 'server-only';
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

/**
 * The `jobs` row for an enqueue: the payload checked against the type's schema (a bad payload fails
 * the caller, not a worker hours later) and the type's defaults applied. Shared by `enqueueJob` and
 * by callers that insert the job within a single statement of their own.
 */
export function buildJobRow<T extends JobType>(options: EnqueueJobOptions<T>) {
  const definition = JOB_REGISTRY[options.type];
  return {
    type: options.type as string,
    payload: definition.schema.parse(options.payload) as unknown,
    // Unset = the database clock, like the claim query, so app/DB clock skew cannot delay a job.
    runAt: options.runAt,
    maxAttempts: options.maxAttempts ?? definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    dedupeKey: options.dedupeKey ?? null,
    workspaceId: options.workspaceId ?? null,
    accountOpenId: options.accountOpenId ?? null,
  };
}
