import 'server-only';
import type { Db } from '@/lib/db/types';
import { claimJobs } from './claim-jobs';
import { JOB_REGISTRY, type JobRegistry } from './job-registry';
import { runJob } from './run-job';
import { scheduleMaintenance } from './schedule-maintenance';

/** Longer than any handler's timeout, so a healthy run is never taken over mid-way. */
export const DEFAULT_LEASE_MS = 2 * 60 * 1000;

export type RunDueJobsOptions = {
  db: Db;
  /** Stop claiming new work after this long; jobs already claimed still finish (within their timeout). */
  budgetMs: number;
  /** Recorded on claimed rows, so a lease can be traced to a process. */
  workerId: string;
  /** How many jobs run at once. */
  concurrency?: number;
  leaseMs?: number;
  /** Tests hand in their own handlers; production uses the one registry. */
  registry?: JobRegistry;
  /** Stop claiming when aborted (shutdown). */
  signal?: AbortSignal;
};

export type RunDueJobsResult = {
  claimed: number;
  succeeded: number;
  failed: number;
  dead: number;
  /** Runs whose lease expired before they finished; another worker owns those jobs now. */
  leaseLost: number;
  elapsedMs: number;
};

/**
 * Runs due jobs until none are left or the budget is used: the body of every runner (cron route,
 * in-process ticker, standalone worker). Safe to run in many processes at once.
 */
export async function runDueJobs({
  db,
  budgetMs,
  workerId,
  concurrency = 4,
  leaseMs = DEFAULT_LEASE_MS,
  registry = JOB_REGISTRY,
  signal,
}: RunDueJobsOptions): Promise<RunDueJobsResult> {
  const started = performance.now();
  const result: RunDueJobsResult = {
    claimed: 0,
    succeeded: 0,
    failed: 0,
    dead: 0,
    leaseLost: 0,
    elapsedMs: 0,
  };
  if (registry === JOB_REGISTRY) await scheduleMaintenance(db);

  while (performance.now() - started < budgetMs && !signal?.aborted) {
    const claimed = await claimJobs(db, { workerId, limit: concurrency, leaseMs });
    if (claimed.length === 0) break;
    result.claimed += claimed.length;
    const runs = await Promise.all(claimed.map((job) => runJob(db, { job, workerId, registry })));
    for (const run of runs) {
      result[run.outcome] += 1;
      if (run.leaseLost) result.leaseLost += 1;
    }
  }
  result.elapsedMs = Math.round(performance.now() - started);
  return result;
}
