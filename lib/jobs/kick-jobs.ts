import 'server-only';
import { hostname } from 'node:os';
import { after } from 'next/server';
import { getDb } from '@/lib/db/client';
import type { Db } from '@/lib/db/types';
import { logError } from '@/lib/log/log-error';
import { getProcessJobRegistry, type JobRegistry } from './job-registry';
import { KickQueue } from './kick-queue';
import { FINISH_MARGIN_MS, runDueJobs } from './run-due-jobs';
import { ABORT_GRACE_MS } from './run-job';

/** An after-response run stops claiming after this long… */
export const KICK_BUDGET_MS = 10_000;
/**
 * …and every run it claimed has ended by then: room for the default 30 s job timeout, and inside
 * the 60 s a Vercel function gets on any plan. Types with longer timeouts wait for a cron or worker.
 */
export const KICK_DEADLINE_MS = 45_000;
const KICK_CONCURRENCY = 8;
/**
 * A kick joins the run already going in this process only this early in it. Later, what the run
 * has left may not fit the kicked job's timeout, and the joining request would wait for a run it
 * cannot use: it starts a run of its own instead.
 */
export const KICK_JOIN_WINDOW_MS = 2000;
/**
 * The longest timeout an after-response run still claims when its kick arrives. A type over it,
 * enqueued with `startNow`, would silently wait for the cron (once a day on Vercel Hobby):
 * enqueueJobs refuses.
 */
export const KICKABLE_JOB_TIMEOUT_MS =
  KICK_DEADLINE_MS - ABORT_GRACE_MS - FINISH_MARGIN_MS - KICK_JOIN_WINDOW_MS;

type KickRun = {
  queue: KickQueue;
  startedAt: number;
  /** Set in the same turn as the last look at the queue: from then on no kick may join. */
  closed: boolean;
  done: Promise<void>;
};
type KickState = { joinable: KickRun | null };
/** The in-process ticker, when one runs here: kicks wake it instead of starting a second runner. */
export type KickableRunner = { kick: (ids: readonly string[]) => void };

// Shared by every bundle of this process (instrumentation and routes are compiled separately).
const slot = globalThis as unknown as { tokdeskJobKicks?: KickState; tokdeskJobTicker?: KickableRunner };

/**
 * Starts jobs a person is waiting for right after the current response is sent (Next's `after()`),
 * instead of at the next poll or cron call: by then the enqueueing transaction has committed. Where
 * an in-process ticker runs (`npm run dev`, `npm start`) it is woken; elsewhere (Vercel) this
 * instance runs them itself, bounded in time. Outside a request (a job handler, a script) it does
 * nothing: runners poll. `enqueueJob(…, { startNow: true })` calls it for you.
 */
export function kickJobs(ids: readonly string[]): void {
  try {
    after(() => runKickedJobs(ids));
  } catch {
    // Not inside a request: nothing to hand the work to, and nothing is lost.
  }
}

export type RunKickedJobsDeps = { getDb?: () => Promise<Db>; registry?: JobRegistry };

/**
 * The after-response part of a kick; returns when the run it joined or started is over, which is
 * within KICK_DEADLINE_MS (plus the join window) of that run's start, inside any function's
 * lifetime. Kicks that arrive together share one run, which claims their ids first.
 */
export async function runKickedJobs(ids: readonly string[], deps: RunKickedJobsDeps = {}): Promise<void> {
  const ticker = slot.tokdeskJobTicker;
  if (ticker) {
    ticker.kick(ids);
    return;
  }
  const registry = deps.registry ?? getProcessJobRegistry();
  if (!registry) return;
  slot.tokdeskJobKicks ??= { joinable: null };
  const state = slot.tokdeskJobKicks;
  const current = state.joinable;
  if (current && !current.closed && performance.now() - current.startedAt < KICK_JOIN_WINDOW_MS) {
    current.queue.add(ids);
    return current.done;
  }
  const run: KickRun = {
    queue: new KickQueue(),
    startedAt: performance.now(),
    closed: false,
    done: Promise.resolve(),
  };
  run.queue.add(ids);
  state.joinable = run;
  run.done = drain(run, registry, deps.getDb ?? getDb);
  return run.done;
}

/**
 * Rounds of runDueJobs until no kicked id is left. A round claims kicked ids at once (past its
 * pool size if need be), so another round is only needed for a kick that joined just as one
 * ended. A round that starts after the join window gets only what is left of the run's time:
 * the run, and the function awaiting it, end within the window plus KICK_DEADLINE_MS.
 */
async function drain(run: KickRun, registry: JobRegistry, openDb: () => Promise<Db>) {
  const { queue } = run;
  while (queue.size > 0) {
    const late = Math.max(0, performance.now() - run.startedAt - KICK_JOIN_WINDOW_MS);
    const deadlineMs = KICK_DEADLINE_MS - late;
    if (deadlineMs <= ABORT_GRACE_MS + FINISH_MARGIN_MS) {
      // No time left to run anything: the ticker, a worker or the cron claims these.
      queue.take(Number.POSITIVE_INFINITY);
      break;
    }
    try {
      await runDueJobs({
        db: await openDb(),
        registry,
        workerId: `kick:${hostname()}:${process.pid}`,
        budgetMs: KICK_BUDGET_MS,
        deadlineMs,
        concurrency: KICK_CONCURRENCY,
        kicks: queue,
      });
    } catch (error) {
      logError('after-response job run (the cron or ticker will pick the jobs up)', error);
      queue.take(Number.POSITIVE_INFINITY);
    }
  }
  run.closed = true;
}

export function setProcessJobTicker(ticker: KickableRunner | undefined): void {
  slot.tokdeskJobTicker = ticker;
}

export function getProcessJobTicker(): KickableRunner | undefined {
  return slot.tokdeskJobTicker;
}
