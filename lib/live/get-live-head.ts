import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/rows-of';
import type { Db } from '@/lib/db/types';
import { nowMs } from '@/lib/time/clock';
import type { LiveCursor } from './live-cursor';

/**
 * The feed's current end: events of every transaction still open, and of every later one, come
 * after it. A page renders its data, then hands this to the browser, which streams from here: a
 * change committed in between arrives as an event (at worst twice, never not at all).
 */
export async function getLiveHead(db: Db): Promise<LiveCursor> {
  const [row] = rowsOf<{ horizon: string | number }>(
    await db.execute(sql`select pg_snapshot_xmin(pg_current_snapshot())::text::bigint as horizon`),
  );
  return { tx: Number(row?.horizon ?? 0), id: 0, at: nowMs() };
}
