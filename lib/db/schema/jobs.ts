import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

/**
 * `pending` waits for `run_at` (new, or snoozed); `running` is leased to a worker until
 * `locked_until`; `failed` last failed and retries at `run_at`; `succeeded` and `dead` (out of
 * attempts or snoozes) are final.
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
    /** Counted when a worker claims the job, so a job that crashes its worker still runs out; a snooze gives it back. */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    /**
     * Bumped by every claim: the fencing token of a run. Finishing, snoozing and extending the lease
     * all require the claim they were given, so a run whose lease was lost cannot touch a newer one.
     */
    claims: integer('claims').notNull().default(0),
    /** Times the job rescheduled itself without failing (waiting for TikTok, a rate limit, a status). */
    snoozes: integer('snoozes').notNull().default(0),
    /** Jobs sharing a key run one at a time (one account, one conversation); null = no such limit. */
    concurrencyKey: text('concurrency_key'),
    /** For types with a concurrency cap: which of its N slots this running job holds (set by the claim). */
    typeSlot: integer('type_slot'),
    /** Why the job waits (its last snooze reason); cleared when it finishes. */
    note: text('note'),
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
    // The hard guarantee behind per-key serialisation: at most one running job per key.
    uniqueIndex('jobs_running_key_idx')
      .on(table.concurrencyKey)
      .where(sql`${table.status} = 'running' and ${table.concurrencyKey} is not null`),
    // Keyed work waiting its turn: a claim looks up whether an earlier-enqueued job of the key waits.
    index('jobs_key_queue_idx')
      .on(table.concurrencyKey, table.createdAt, table.id)
      .where(sql`${table.status} in ('pending', 'failed') and ${table.concurrencyKey} is not null`),
    // …and behind per-type caps: a running job holds one of its type's numbered slots.
    uniqueIndex('jobs_running_type_slot_idx')
      .on(table.type, table.typeSlot)
      .where(sql`${table.status} = 'running' and ${table.typeSlot} is not null`),
  ],
);

export type Job = typeof jobs.$inferSelect;

/**
 * Recurring work as data: a cron expression read in an IANA time zone. Job types declare the
 * installation's own schedules (synced on runner start, id = the job type); features add rows at
 * run time, such as one daily report run per workspace at the hour it chose. Any runner fires a
 * due row: it enqueues the job for that occurrence and moves `next_run_at`, under a row lock.
 */
export const jobSchedules = pgTable(
  'job_schedules',
  {
    /** Stable key: the job type for declared schedules, e.g. `reports.daily:<workspace id>` for others. */
    id: text('id').primaryKey(),
    jobType: text('job_type').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull().default({}),
    /** Five fields (minute hour day month weekday), or six with seconds first. */
    cron: text('cron').notNull(),
    timeZone: text('time_zone').notNull().default('UTC'),
    /** The workspace the runs belong to; null for installation-wide schedules. */
    workspaceId: text('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Declared by a job type in code (kept in step with it on runner start) rather than created at run time. */
    declared: boolean('declared').notNull().default(false),
    enabled: boolean('enabled').notNull().default(true),
    /** The next occurrence, in app time (see lib/time/clock.ts). */
    nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    lastJobId: text('last_job_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (table) => [
    index('job_schedules_due_idx').on(table.nextRunAt).where(sql`${table.enabled}`),
    index('job_schedules_workspace_idx').on(table.workspaceId),
  ],
);

export type JobSchedule = typeof jobSchedules.$inferSelect;
