import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * E-mail kept instead of sent (development, tests, or production with EMAIL_OUTBOX=1), listed at
 * /dev/outbox. Never written when SMTP is configured.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('email_outbox_created_idx').on(table.createdAt)],
);

export type OutboxEmail = typeof emailOutbox.$inferSelect;
