import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/types';

/**
 * The NOTIFY channel that wakes idle runners when jobs are added. Postgres delivers it at commit
 * (never for a rolled-back enqueue) and folds repeats within one transaction into one. A runner
 * that cannot LISTEN (behind a transaction pooler, or none listening) finds the job on its next poll.
 */
export const JOBS_CHANNEL = 'tokdesk_jobs';

/** `pg_notify` on the jobs channel, for the statement that inserts jobs. */
export const notifyJobsSql = () => sql`pg_notify(${JOBS_CHANNEL}, '')`;

/** Wake-ups sent after a commit, at most one per this interval per database handle. */
export const WAKE_INTERVAL_MS = 50;

type WakeState = { lastAt: number; trailing: ReturnType<typeof setTimeout> | null };
const wakeStates = new WeakMap<Db, WakeState>();

function wakeStateOf(db: Db): WakeState {
  let state = wakeStates.get(db);
  if (!state) {
    state = { lastAt: Number.NEGATIVE_INFINITY, trailing: null };
    wakeStates.set(db, state);
  }
  return state;
}

function sendWake(db: Db, state: WakeState): void {
  state.lastAt = performance.now();
  void db.execute(sql`select ${notifyJobsSql()}`).catch(() => {});
}

/**
 * Wakes idle runners for jobs committed already, as a statement of its own, not awaited. A runner
 * that wakes claims everything due, so a burst needs one wake-up, not one per commit: the first
 * goes out at once and later ones within the interval fold into a single trailing one. Under
 * webhook load that is ten statements a second instead of one per group commit. A lost wake-up
 * costs one poll.
 */
export function wakeJobRunners(db: Db): void {
  const state = wakeStateOf(db);
  if (state.trailing) return;
  const wait = state.lastAt + WAKE_INTERVAL_MS - performance.now();
  if (wait <= 0) {
    sendWake(db, state);
    return;
  }
  state.trailing = setTimeout(() => {
    state.trailing = null;
    sendWake(db, state);
  }, wait);
}
