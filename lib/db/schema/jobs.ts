import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

/**
 * `pending` waits for `run_at`; `running` is leased to a worker until `locked_until`; `failed` last
 * failed and retries at `run_at`; `succeeded` and `dead` (out of attempts) are final.
 */
export const jobStatusEnum = pgEnum('job_status', ['pending', 'running', 'failed', 'succeeded', 'dead']);
export type JobStatus = (typeof jobStatusEnum.enumValues)[number];

export const jobs = pgTable(
  'jobs',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull(),
    status: jobStatusEnum('status').notNull().default('pending'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    /** Counted when a worker claims the job, so a job that crashes its worker still runs out. */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    result: jsonb('result').$type<unknown>(),
    /** Enqueueing a key that exists is a no-op for as long as the row lives (finished jobs are pruned). */
    dedupeKey: text('dedupe_key'),
    /** Set when the job belongs to one workspace; otherwise it may belong to an account (below) or the app. */
    workspaceId: text('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    /** TikTok open_id the job concerns, when known: it scopes the job to the workspaces holding that account. */
    accountOpenId: text('account_open_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('jobs_dedupe_key_idx').on(table.dedupeKey),
    // The claim query's two halves: due work, and leases that ran out.
    index('jobs_due_idx').on(table.runAt).where(sql`${table.status} in ('pending', 'failed')`),
    index('jobs_lease_idx').on(table.lockedUntil).where(sql`${table.status} = 'running'`),
    index('jobs_status_updated_idx').on(table.status, table.updatedAt),
    index('jobs_workspace_idx').on(table.workspaceId),
  ],
);

export type Job = typeof jobs.$inferSelect;
