import 'server-only';
import type { Db } from '@/lib/db/types';
import { logError } from '@/lib/log/log-error';
import { type ClaimedJob, claimJobs } from './claim-jobs';
import { extendLeases, type JobOutcome } from './finish-jobs';
import { JobFinisher } from './job-finisher';
import type { JobRegistry } from './job-registry';
import type { KickQueue } from './kick-queue';
import { ABORT_GRACE_MS, DEFAULT_JOB_TIMEOUT_MS, JobLeaseLostError, runJob } from './run-job';
import { runRunnerMaintenance } from './runner-maintenance';

/** A run's lease, renewed every third of it while the handler works. */
export const DEFAULT_LEASE_MS = 60_000;
export const DEFAULT_CONCURRENCY = 16;
/**
 * A standalone worker's pool (`npm run jobs:work`). Bigger batches mean fewer statements per job:
 * one worker drains short jobs faster than webhooks arrive. Handlers beyond the connection pool
 * simply wait for a connection.
 */
export const DEFAULT_WORKER_CONCURRENCY = 64;
/** Time kept back from a deadline for recording the outcome. */
export const FINISH_MARGIN_MS = 1000;
/** A long-lived runner whose claim failed (database down) waits this long before the next. */
const CLAIM_ERROR_PAUSE_MS = 10_000;

export type RunDueJobsOptions = {
  db: Db;
  registry: JobRegistry;
  /** Recorded on claimed rows, so a lease can be traced to a process. */
  workerId: string;
  /** Stop claiming new work after this long; claimed runs still finish. Infinity for a worker. */
  budgetMs: number;
  /**
   * Every claimed run must have ended by then (ms from the start; a cron call's maxDuration): only
   * types whose timeout fits in what is left are claimed. None when omitted.
   */
  deadlineMs?: number;
  /** How many jobs run at once; the pool is refilled as they finish. */
  concurrency?: number;
  leaseMs?: number;
  /** With it, an empty queue is polled this often instead of ending the run (ticker, worker). */
  pollMs?: number;
  /** Stop claiming when aborted (shutdown); running jobs finish. */
  signal?: AbortSignal;
  /** Jobs someone is waiting for, claimed first and without waiting for the next poll. */
  kicks?: KickQueue;
  /** Log each claim failure instead of ending the run (long-lived runners). */
  onClaimError?: (error: unknown) => void;
};

export type RunDueJobsResult = {
  claimed: number;
  succeeded: number;
  failed: number;
  dead: number;
  snoozed: number;
  /** Runs whose lease was lost before they finished; another run owns those jobs now. */
  leaseLost: number;
  elapsedMs: number;
};

type Run = { job: ClaimedJob; controller: AbortController };

/**
 * The body of every runner (cron route, after-response kick, in-process ticker, standalone worker):
 * a pool of `concurrency` runs, refilled in batches (one claim statement per batch, one finish
 * statement per batch of outcomes) as runs end, so one slow job never holds up the others. Leases
 * are extended while handlers work. Safe to run in many processes at once.
 */
export async function runDueJobs(options: RunDueJobsOptions): Promise<RunDueJobsResult> {
  const { db, registry, workerId, budgetMs, signal, kicks, pollMs } = options;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const refillAt = Math.max(1, Math.floor(concurrency / 4));
  const started = performance.now();
  const result: RunDueJobsResult = {
    claimed: 0,
    succeeded: 0,
    failed: 0,
    dead: 0,
    snoozed: 0,
    leaseLost: 0,
    elapsedMs: 0,
  };
  const inFlight = new Map<string, Run>();
  let exhausted = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  const finisher = new JobFinisher(db, (recorded) => {
    // Recorded outcomes free keys and type slots, and may have enqueued follow-ups: look again.
    if (recorded > 0) exhausted = false;
    notify();
  });
  kicks?.listen(() => {
    exhausted = false;
    notify();
  });
  signal?.addEventListener('abort', notify, { once: true });
  const heartbeat = setInterval(() => void renewLeases(), Math.max(50, Math.floor(leaseMs / 3)));
  heartbeat.unref?.();

  async function renewLeases() {
    const runs = [...inFlight.values()];
    if (runs.length === 0) return;
    try {
      const held = await extendLeases(
        db,
        runs.map(({ job }) => ({ id: job.id, claims: job.claims })),
        leaseMs,
      );
      for (const run of runs) {
        if (!held.has(run.job.id) && inFlight.get(run.job.id) === run) {
          run.controller.abort(
            new JobLeaseLostError('The lease was lost: another worker took this job over.'),
          );
        }
      }
    } catch (error) {
      // The lease still runs for a while; the next beat tries again.
      logError('extending job leases', error);
    }
  }

  function start(job: ClaimedJob) {
    const handler = registry.handlers.get(job.type);
    const run: Run = { job, controller: new AbortController() };
    inFlight.set(job.id, run);
    void runJob({ db, job, handler, workerId, controller: run.controller })
      .then(async (outcome) => {
        inFlight.delete(job.id);
        notify();
        const recorded = await finisher.add({ id: job.id, claims: job.claims, outcome });
        count(outcome, recorded);
        if (recorded && outcome.kind === 'dead' && handler?.onDead) {
          await handler
            .onDead(job.payload, { db, jobId: job.id, error: outcome.error })
            .catch((error) => logError(`onDead of job ${job.type} ${job.id}`, error));
        }
      })
      .catch((error) => logError(`job runner ${job.type} ${job.id}`, error));
  }

  function count(outcome: JobOutcome, recorded: boolean) {
    if (!recorded) result.leaseLost += 1;
    else result[outcome.kind] += 1;
  }

  /** Registered types whose timeout does not fit in what is left before the deadline. */
  function typesOutOfTime(): string[] | null {
    if (options.deadlineMs === undefined) return [];
    const left = options.deadlineMs - (performance.now() - started) - ABORT_GRACE_MS - FINISH_MARGIN_MS;
    if (left <= 0) return null;
    return [...registry.handlers.values()]
      .filter(({ job }) => (job.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS) > left)
      .map(({ job }) => job.type);
  }

  await runRunnerMaintenance(db, registry);
  let claimFailed: unknown = null;
  let lastClaimFailed = false;
  try {
    for (;;) {
      const claiming = !signal?.aborted && performance.now() - started < budgetMs && claimFailed === null;
      const free = concurrency - inFlight.size;
      // Someone is waiting for kicked jobs: they take the pool past its size rather than wait for
      // a slot behind backlog work, or be handed back unclaimed when fewer slots are free.
      const overflow = free <= 0 && (kicks?.size ?? 0) > 0;
      if (
        claiming &&
        (free > 0 || overflow) &&
        (kicks?.size || (!exhausted && (inFlight.size === 0 || free >= refillAt)))
      ) {
        const excludeTypes = typesOutOfTime();
        if (excludeTypes !== null) {
          const preferIds = kicks?.take() ?? [];
          let claimed: ClaimedJob[] = [];
          let released = 0;
          lastClaimFailed = false;
          try {
            ({ jobs: claimed, released } = await claimJobs(db, {
              workerId,
              limit: Math.max(free, preferIds.length),
              leaseMs,
              preferIds,
              preferredOnly: free <= 0,
              excludeTypes,
              maxConcurrency: limitsOf(registry),
            }));
          } catch (error) {
            if (!options.onClaimError) claimFailed = error;
            else options.onClaimError(error);
            lastClaimFailed = true;
          }
          result.claimed += claimed.length;
          for (const job of claimed) start(job);
          // Jobs it released from dead workers are claimable by the very next claim.
          if (claimed.length === 0 && released === 0) exhausted = true;
          if (claimed.length > 0 || released > 0) continue;
        } else if (inFlight.size === 0 && finisher.idle) break;
      }
      const settled = inFlight.size === 0 && finisher.idle;
      if (settled && (!claiming || (exhausted && pollMs === undefined))) break;
      let timer: NodeJS.Timeout | undefined;
      let polled = false;
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (exhausted && pollMs !== undefined && claiming) {
          timer = setTimeout(
            () => {
              polled = true;
              exhausted = false;
              notify();
            },
            lastClaimFailed ? Math.max(pollMs, CLAIM_ERROR_PAUSE_MS) : pollMs,
          );
        }
      });
      clearTimeout(timer);
      if (polled) await runRunnerMaintenance(db, registry);
    }
  } finally {
    clearInterval(heartbeat);
    kicks?.listen(null);
    signal?.removeEventListener('abort', notify);
  }
  result.elapsedMs = Math.round(performance.now() - started);
  if (claimFailed !== null) throw claimFailed;
  return result;
}

function limitsOf(registry: JobRegistry): Record<string, number> {
  const limits: Record<string, number> = {};
  for (const { job } of registry.handlers.values()) {
    if (job.maxConcurrency !== undefined) limits[job.type] = job.maxConcurrency;
  }
  return limits;
}
