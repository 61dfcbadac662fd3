import 'server-only';
import type { Db } from '@/lib/db/types';
import { logError } from '@/lib/log/log-error';
import { runDueJobs } from './run-due-jobs';

export type JobTickerOptions = {
  getDb: () => Promise<Db>;
  workerId: string;
  /** Pause between polls when the queue is empty. */
  intervalMs?: number;
  /** Pause after a failed poll (database down), so a dead database is not hammered. */
  errorIntervalMs?: number;
  /** Per pass; a busy queue is drained pass after pass without pausing. */
  budgetMs?: number;
};

export type JobTicker = { stop: () => Promise<void> };

/**
 * The in-process runner: polls for due jobs in a loop that never overlaps itself. Its timers are
 * unref'd, so it never keeps a process alive, and a process that dies mid-job only delays that job
 * until its lease runs out.
 */
export function startJobTicker({
  getDb,
  workerId,
  intervalMs = 1000,
  errorIntervalMs = 10_000,
  budgetMs = 10_000,
}: JobTickerOptions): JobTicker {
  const controller = new AbortController();
  let failing = false;
  let wake: (() => void) | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = async () => {
    while (!controller.signal.aborted) {
      let pause = intervalMs;
      try {
        const result = await runDueJobs({ db: await getDb(), budgetMs, workerId, signal: controller.signal });
        if (failing) console.info('[tokdesk] job ticker: database reachable again');
        failing = false;
        // Work left over after a full pass: go again at once.
        if (result.claimed > 0 && result.elapsedMs >= budgetMs) pause = 0;
      } catch (error) {
        // Logged once per outage, not once per poll.
        if (!failing) logError('job ticker', error);
        failing = true;
        pause = errorIntervalMs;
      }
      if (pause > 0 && !controller.signal.aborted) await sleep(pause);
    }
  };
  const running = loop();

  return {
    stop: async () => {
      controller.abort();
      wake?.();
      await running;
    },
  };
}
