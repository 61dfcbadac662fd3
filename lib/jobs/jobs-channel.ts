import { sql } from 'drizzle-orm';

/**
 * The NOTIFY channel that wakes idle runners when jobs are added. Postgres delivers it at commit
 * (never for a rolled-back enqueue) and folds repeats within one transaction into one. A runner
 * that cannot LISTEN (behind a transaction pooler, or none listening) finds the job on its next poll.
 */
export const JOBS_CHANNEL = 'tokdesk_jobs';

/** `pg_notify` on the jobs channel, for the statement that inserts jobs. */
export const notifyJobsSql = () => sql`pg_notify(${JOBS_CHANNEL}, '')`;
