import 'server-only';
import type { Db } from '@/lib/db/types';
import { logError } from '@/lib/log/log-error';
import { fireDueSchedules } from './fire-due-schedules';
import type { JobRegistry } from './job-registry';
import { syncDeclaredSchedules } from './sync-declared-schedules';

/** Start-up work (declared schedules, registry hooks such as replaying held webhook events) repeats this often. */
const START_WORK_EVERY_MS = 5 * 60 * 1000;
/** Schedules are checked at most this often per process (a minute-level cron needs no more). */
const SCHEDULES_EVERY_MS = 5000;

const state = new WeakMap<Db, WeakMap<JobRegistry, { startWork: number; schedules: number }>>();

/**
 * What a runner does besides running jobs, throttled per process: on start (and every few minutes,
 * so a rolling deploy cannot strand anything) sync declared schedules and run the registry's
 * start hooks; every few seconds fire due schedules. Failures are logged, never thrown: job runs
 * must not stop because housekeeping failed.
 */
export async function runRunnerMaintenance(db: Db, registry: JobRegistry): Promise<void> {
  const byRegistry = state.get(db) ?? new WeakMap();
  state.set(db, byRegistry);
  const last = byRegistry.get(registry) ?? { startWork: -Infinity, schedules: -Infinity };
  byRegistry.set(registry, last);
  const at = performance.now();
  if (at - last.startWork >= START_WORK_EVERY_MS) {
    last.startWork = at;
    await syncDeclaredSchedules(db, registry).catch((error) =>
      logError('syncing declared job schedules', error),
    );
    for (const hook of registry.onStart) {
      await hook(db).catch((error) => logError('job runner start hook', error));
    }
  }
  if (at - last.schedules >= SCHEDULES_EVERY_MS) {
    last.schedules = at;
    await fireDueSchedules(db, registry).catch((error) => logError('firing job schedules', error));
  }
}
