import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

/**
 * The per-workspace feed of what changed, written in the transaction of the change
 * (`publishLiveEvent`) and read by the live stream and the polling endpoint (lib/live).
 *
 * Readers order by (`tx_id`, `id`) and only take rows whose writing transaction is older than every
 * transaction still open (`pg_snapshot_xmin`): identity values are handed out at insert but commit
 * out of order, so a cursor on `id` alone would skip a row that commits after a later one was read.
 */
export const liveEvents = pgTable(
  'live_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The writing transaction's id (xid8 as a number), assigned by the database. */
    txId: bigint('tx_id', { mode: 'number' }).notNull().default(sql`(pg_current_xact_id()::text::bigint)`),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    /** Ids and the changed fields only; checked against the type's schema on publish. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Resume and poll: one workspace from a cursor.
    index('live_events_workspace_order_idx').on(table.workspaceId, table.txId, table.id),
    // The per-instance poller: every subscribed workspace from the instance's cursor.
    index('live_events_order_idx').on(table.txId, table.id),
    // Retention: rows are appended in time order, so a BRIN index is enough and nearly free.
    index('live_events_created_brin_idx').using('brin', table.createdAt),
  ],
);

export type LiveEventRow = typeof liveEvents.$inferSelect;
