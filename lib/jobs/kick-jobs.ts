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
 * The longest timeout an after-response run still claims in its first 2 s. A type over it, enqueued
 * with `startNow`, would silently wait for the cron (once a day on Vercel Hobby): enqueueJobs refuses.
 */
export const KICKABLE_JOB_TIMEOUT_MS = KICK_DEADLINE_MS - ABORT_GRACE_MS - FINISH_MARGIN_MS - 2000;

type KickState = { queue: KickQueue; running: Promise<void> | null };
/** The in-process ticker, when one runs here: kicks wake it instead of starting a second runner. */
export type KickableRunner = { kick: (ids: readonly string[]) => void };

// Shared by every bundle of this process (instrumentation and routes are compiled separately).
const slot = globalThis as unknown as { tokdeskJobKicks?: KickState; tokdeskJobTicker?: KickableRunner };

/**
 * Starts jobs a person is waiting for right after the current response is sent (Next's `after()`),
 * instead of at the next poll or cron call: by then the enqueueing transaction has committed. Where
 * an in-process ticker runs (`npm run dev`, `npm start`) it is woken; elsewhere (Vercel) this
 * instance runs them itself, bounded and single-flight. Outside a request (a job handler, a script)
 * it does nothing: runners poll. `enqueueJob(…, { startNow: true })` calls it for you.
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
 * The after-response part of a kick. One run per process at a time: a kick that arrives while one
 * runs hands its ids to that run's pool (claimed first) and waits for it. Returns when done.
 */
export async function runKickedJobs(ids: readonly string[], deps: RunKickedJobsDeps = {}): Promise<void> {
  const ticker = slot.tokdeskJobTicker;
  if (ticker) {
    ticker.kick(ids);
    return;
  }
  const registry = deps.registry ?? getProcessJobRegistry();
  if (!registry) return;
  slot.tokdeskJobKicks ??= { queue: new KickQueue(), running: null };
  const state = slot.tokdeskJobKicks;
  state.queue.add(ids);
  state.running ??= drain(state, registry, deps.getDb ?? getDb).finally(() => {
    state.running = null;
  });
  return state.running;
}

async function drain(state: KickState, registry: JobRegistry, openDb: () => Promise<Db>) {
  // A kick that lands just as a run ends is picked up by the next round, not dropped.
  while (state.queue.size > 0) {
    try {
      await runDueJobs({
        db: await openDb(),
        registry,
        workerId: `kick:${hostname()}:${process.pid}`,
        budgetMs: KICK_BUDGET_MS,
        deadlineMs: KICK_DEADLINE_MS,
        concurrency: KICK_CONCURRENCY,
        kicks: state.queue,
      });
    } catch (error) {
      logError('after-response job run (the cron or ticker will pick the jobs up)', error);
      state.queue.take(Number.POSITIVE_INFINITY);
    }
  }
}

export function setProcessJobTicker(ticker: KickableRunner | undefined): void {
  slot.tokdeskJobTicker = ticker;
}

export function getProcessJobTicker(): KickableRunner | undefined {
  return slot.tokdeskJobTicker;
}
