import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/rows-of';
import type { Db } from '@/lib/db/types';
import { compareLiveCursors, type LiveCursor } from './live-cursor';

/** A stored event, in feed order. */
export type LiveEventRecord = {
  tx: number;
  id: number;
  workspaceId: string;
  type: string;
  data: Record<string, unknown>;
  createdAtMs: number;
};

export type ReadLiveEventsOptions = {
  /** The workspaces to read (one for a stream's catch-up); `all` for a poller serving very many. */
  workspaceIds: readonly string[] | 'all';
  after: Pick<LiveCursor, 'tx' | 'id'>;
  limit: number;
};

export type ReadLiveEventsResult = {
  /** Committed events after `after`, in order, none of which can still be overtaken. */
  events: LiveEventRecord[];
  /**
   * Where the reader stands now: after the last event, or further when every event up to the
   * horizon was read (the horizon moves on even in workspaces where nothing happens).
   */
  next: Pick<LiveCursor, 'tx' | 'id'>;
  /** Committed events exist past the horizon: an older transaction is still open, read again soon. */
  pending: boolean;
};

type Row = {
  horizon: string | number;
  id: string | number | null;
  tx: string | number | null;
  workspace_id: string | null;
  type: string | null;
  data: Record<string, unknown> | string | null;
  created_ms: string | number | null;
};

/**
 * Reads the feed in commit-safe order. Identity ids are handed out at insert but transactions
 * commit in any order, so reading "id > cursor" would skip a row that commits after a later one
 * was read. Rows are ordered by (writing transaction, id) instead, and only rows of transactions
 * older than every transaction still open (the snapshot's xmin, the "horizon") are returned: no
 * row can ever appear before them again. Costs one indexed range scan.
 */
export async function readLiveEvents(
  db: Db,
  { workspaceIds, after, limit }: ReadLiveEventsOptions,
): Promise<ReadLiveEventsResult> {
  const filter =
    workspaceIds === 'all'
      ? sql`true`
      : workspaceIds.length === 1
        ? sql`workspace_id = ${workspaceIds[0]}`
        : sql`workspace_id in (${sql.join(
            workspaceIds.map((id) => sql`${id}`),
            sql`, `,
          )})`;
  const rows = rowsOf<Row>(
    await db.execute(sql`
      select h.horizon, e.id, e.tx, e.workspace_id, e.type, e.data, e.created_ms
      from (select pg_snapshot_xmin(pg_current_snapshot())::text::bigint as horizon) h
      left join lateral (
        select id, tx_id as tx, workspace_id, type, data,
               (extract(epoch from created_at) * 1000)::float8 as created_ms
        from live_events
        where ${filter} and (tx_id, id) > (${after.tx}, ${after.id})
        order by tx_id, id
        limit ${limit + 1}
      ) e on true`),
  );
  const horizon = Number(rows[0]?.horizon ?? 0);
  const events: LiveEventRecord[] = [];
  let pending = false;
  let truncated = false;
  for (const row of rows) {
    if (row.id === null || row.tx === null) continue;
    const tx = Number(row.tx);
    // Ordered by transaction: from the first row past the horizon on, every row is.
    if (tx >= horizon) {
      pending = true;
      break;
    }
    if (events.length === limit) {
      truncated = true;
      break;
    }
    events.push({
      tx,
      id: Number(row.id),
      workspaceId: row.workspace_id ?? '',
      type: row.type ?? '',
      data: typeof row.data === 'string' ? JSON.parse(row.data) : (row.data ?? {}),
      createdAtMs: Number(row.created_ms),
    });
  }
  const last = events.at(-1);
  let next: Pick<LiveCursor, 'tx' | 'id'> = last
    ? { tx: last.tx, id: last.id }
    : { tx: after.tx, id: after.id };
  // Every row before the horizon was read: jump to it, past other workspaces' rows and empty stretches.
  const atHorizon = { tx: horizon, id: 0 };
  if (!truncated && compareLiveCursors(atHorizon, next) > 0) next = atHorizon;
  return { events, next, pending };
}
