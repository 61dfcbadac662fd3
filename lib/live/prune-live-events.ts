import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/rows-of';
import type { Db } from '@/lib/db/types';
import { LIVE_RETENTION_MS } from './live-retention';

const CHUNK = 5000;

export type PruneLiveEventsOptions = { now: Date };

/**
 * Deletes feed rows past the retention, in chunks so no statement holds locks for long. Clients
 * whose cursor is older than that are told to reload (see LIVE_RESUME_WINDOW_MS).
 */
export async function pruneLiveEvents(db: Db, { now }: PruneLiveEventsOptions): Promise<{ deleted: number }> {
  const before = new Date(now.getTime() - LIVE_RETENTION_MS).toISOString();
  let deleted = 0;
  for (;;) {
    const rows = rowsOf<{ id: unknown }>(
      await db.execute(sql`
        delete from live_events
        where id in (select id from live_events where created_at < ${before}::timestamptz limit ${CHUNK})
        returning id`),
    );
    deleted += rows.length;
    if (rows.length < CHUNK) return { deleted };
  }
}
