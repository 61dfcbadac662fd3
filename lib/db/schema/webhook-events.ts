import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const webhookSourceEnum = pgEnum('webhook_source', ['tiktok', 'tiktok-business']);
export type WebhookSource = (typeof webhookSourceEnum.enumValues)[number];

/**
 * `pending` until its job runs; then `processed`, `ignored` (a handler looked and had nothing to do),
 * `held` (no handler for this event in this deploy: kept, and replayed once one is registered),
 * `failed` (retrying) or `dead` (out of attempts).
 */
export const webhookEventStatusEnum = pgEnum('webhook_event_status', [
  'pending',
  'processed',
  'ignored',
  'failed',
  'dead',
  'held',
]);
export type WebhookEventStatus = (typeof webhookEventStatusEnum.enumValues)[number];

export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    source: webhookSourceEnum('source').notNull(),
    /** The envelope's `event`, as sent (both spellings of TikTok's typo are kept as received). */
    event: text('event').notNull(),
    /** SHA-256 (hex) of the raw body: TikTok redelivers the same bytes, at least once. */
    dedupeKey: text('dedupe_key').notNull(),
    /** The signed envelope as received; `content` inside it is still a JSON string. */
    payload: jsonb('payload').$type<unknown>().notNull(),
    /** The envelope's `user_openid`: the creator's open_id, or the business account's id. */
    userOpenId: text('user_openid'),
    clientKey: text('client_key'),
    /** The envelope's `create_time`, when TikTok says the event happened. */
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    status: webhookEventStatusEnum('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Why an event was ignored, or what processing did; shown to admins. */
    note: text('note'),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('webhook_events_source_dedupe_idx').on(table.source, table.dedupeKey),
    index('webhook_events_received_idx').on(table.receivedAt),
    index('webhook_events_openid_received_idx').on(table.userOpenId, table.receivedAt),
    // Held events, by name, for the replay. Spelled as "every other status" because migrations run
    // in one transaction, where Postgres refuses to use an enum value added in that same
    // transaction; the planner still proves `status = 'held'` implies it. Extend the list with the enum.
    index('webhook_events_held_idx')
      .on(table.event)
      .where(sql`${table.status} not in ('pending', 'processed', 'ignored', 'failed', 'dead')`),
  ],
);

export type WebhookEvent = typeof webhookEvents.$inferSelect;
