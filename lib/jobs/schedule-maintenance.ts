import 'server-only';
import type { Db } from '@/lib/db/types';
import * as clock from '@/lib/time/clock';
import { enqueueJob } from './enqueue-job';

const CHECK_EVERY_MS = 60 * 60 * 1000;
let lastCheck = 0;

/**
 * Makes sure today's prune job exists. The date in the dedupe key makes it once a day across every
 * runner; checking at most hourly per process keeps busy runners from a needless insert per tick.
 */
export async function scheduleMaintenance(db: Db, now = clock.now()): Promise<void> {
  if (now.getTime() - lastCheck < CHECK_EVERY_MS) return;
  const day = now.toISOString().slice(0, 10);
  await enqueueJob(db, { type: 'jobs.prune', payload: {}, dedupeKey: `jobs.prune:${day}` });
  await enqueueJob(db, { type: 'tokens.keep-alive', payload: {}, dedupeKey: `tokens.keep-alive:${day}` });
  await enqueueJob(db, { type: 'live.prune', payload: {}, dedupeKey: `live.prune:${day}` });
  lastCheck = now.getTime();
}
