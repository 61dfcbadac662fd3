import 'server-only';
import { nowMs } from '@/lib/time/clock';
import type { JobPayload, JobType } from './define-job';

export const DEFAULT_MAX_ATTEMPTS = 8;

export type EnqueueJobOptions = {
  /** Not before this time (app time); now when omitted. */
  runAt?: Date;
  /** Or not before this many milliseconds from now. */
  delayMs?: number;
  maxAttempts?: number;
  /** A second enqueue with the same key does nothing while the first job's row exists. */
  dedupeKey?: string;
  /**
   * Jobs with the same key run one at a time across every runner (e.g. `account:<id>`,
   * `conversation:<id>`). Overrides the type's default key; null removes it.
   */
  concurrencyKey?: string | null;
  /** The workspace the job belongs to: its owners and admins see it. */
  workspaceId?: string;
  /** Or the TikTok account it concerns: the workspaces holding that account see it. */
  accountOpenId?: string;
  /**
   * Start it right away instead of at the next poll or cron: after the response of the current
   * request (Next's `after()`), when this code runs in one. For work a person just asked for.
   */
  startNow?: boolean;
};

/**
 * The `jobs` row for an enqueue: the payload checked against the type's schema (a bad payload fails
 * the caller, not a worker hours later) and the type's defaults applied. Shared by `enqueueJob` and
 * by callers that insert jobs within a single statement of their own (webhook ingest).
 */
export function buildJobRow<J extends JobType>(
  job: J,
  payload: JobPayload<J>,
  options: EnqueueJobOptions = {},
) {
  const parsed: unknown = job.schema.parse(payload);
  const concurrencyKey =
    options.concurrencyKey !== undefined ? options.concurrencyKey : (job.concurrencyKey?.(parsed) ?? null);
  const runAt =
    options.runAt ??
    (options.delayMs !== undefined ? new Date(nowMs() + Math.max(0, options.delayMs)) : undefined);
  return {
    type: job.type,
    payload: parsed,
    runAt,
    maxAttempts: options.maxAttempts ?? job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    dedupeKey: options.dedupeKey ?? null,
    concurrencyKey,
    workspaceId: options.workspaceId ?? null,
    accountOpenId: options.accountOpenId ?? null,
  };
}
