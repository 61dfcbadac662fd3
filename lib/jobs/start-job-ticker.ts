import 'server-only';
import type { Listen } from '@/lib/db/create-db';
import type { Db } from '@/lib/db/types';
import { logError } from '@/lib/log/log-error';
import type { JobRegistry } from './job-registry';
import { JOBS_CHANNEL } from './jobs-channel';
import { KickQueue } from './kick-queue';
import { runDueJobs } from './run-due-jobs';

export type JobTickerOptions = {
  getDb: () => Promise<Db>;
  registry: JobRegistry;
  workerId: string;
  /** How often an empty queue is polled; kicks wake it sooner. */
  pollMs?: number;
  concurrency?: number;
  /** Pause after the runner itself failed (database unreachable at start), so it is not hammered. */
  errorIntervalMs?: number;
  /**
   * LISTEN on the database, where the connection allows it: jobs added anywhere (another instance's
   * webhook, a script) then wake an idle pool at commit rather than at its next poll.
   */
  listen?: Listen;
};

export type JobTicker = {
  /** Claim these jobs first, now. */
  kick: (ids: readonly string[]) => void;
  /** Stops claiming and waits for running jobs. */
  stop: () => Promise<void>;
};

/**
 * A long-lived runner: one continuous pool that polls an empty queue, refills as runs end and is
 * woken by kicks. Used in-process by `npm run dev` / `npm start` and by `npm run jobs:work`. Its
 * timers are unref'd, so it never keeps a process alive by itself; a process that dies mid-job
 * only delays that job until its lease runs out.
 */
export function startJobTicker({
  getDb,
  registry,
  workerId,
  pollMs = 1000,
  concurrency,
  errorIntervalMs = 10_000,
  listen,
}: JobTickerOptions): JobTicker {
  const controller = new AbortController();
  const kicks = new KickQueue();
  // An empty kick wakes the pool to claim whatever is due; polling stays the safety net.
  const listening = listen?.(JOBS_CHANNEL, () => kicks.add([])).then(
    (unlisten) => {
      // A job committed between the first poll and LISTEN taking effect sent its NOTIFY to
      // nobody: look once more now, or it would wait a whole poll interval.
      kicks.add([]);
      return unlisten;
    },
    (error: unknown) => {
      logError('job runner LISTEN (polling instead)', error);
      return null;
    },
  );
  let failing = false;
  const onClaimError = (error: unknown) => {
    // Logged once per outage, not once per poll.
    if (!failing) logError('job runner (retrying)', error);
    failing = true;
  };

  const loop = async () => {
    while (!controller.signal.aborted) {
      try {
        await runDueJobs({
          db: await getDb(),
          registry,
          workerId,
          budgetMs: Number.POSITIVE_INFINITY,
          pollMs,
          concurrency,
          signal: controller.signal,
          kicks,
          onClaimError,
        });
      } catch (error) {
        onClaimError(error);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, errorIntervalMs);
          timer.unref?.();
          controller.signal.addEventListener('abort', () => resolve(), { once: true });
        });
      }
    }
  };
  const running = loop();

  return {
    kick: (ids) => kicks.add(ids),
    stop: async () => {
      controller.abort();
      const unlisten = await listening;
      await unlisten?.().catch(() => {});
      await running;
    },
  };
}
