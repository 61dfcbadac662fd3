import 'server-only';
import { sql } from 'drizzle-orm';
import { appNowSql } from '@/lib/db/app-now-sql';
import { rowsOf } from '@/lib/db/rows-of';
import type { Db } from '@/lib/db/types';

export type ClaimedJob = {
  id: string;
  type: string;
  payload: unknown;
  /** This run's attempt (already counted). */
  attempts: number;
  maxAttempts: number;
  /** The fencing token of this run: finishing and extending the lease must present it. */
  claims: number;
  snoozes: number;
  concurrencyKey: string | null;
  lastError: string | null;
  createdAt: Date;
};

export type ClaimJobsOptions = {
  workerId: string;
  limit: number;
  /** How long the claim holds unless extended; after that another worker may take the job over. */
  leaseMs: number;
  /** Claimed first, ahead of older due work (jobs a person just started). */
  preferIds?: readonly string[];
  /** Never these types (their timeout does not fit the time this runner has left). */
  excludeTypes?: readonly string[];
  /** Only these types (a runner dedicated to some work); all when omitted. */
  onlyTypes?: readonly string[];
  /** Per-type caps on running jobs across every runner. */
  maxConcurrency?: Readonly<Record<string, number>>;
};

// Claims are serialised across runners by this transaction-level lock, so the counts of running
// jobs per type and per key that a claim reads cannot be raced by another claim (Postgres takes the
// claim's snapshot after the lock). One claim moves a whole batch, so this costs little.
const CLAIM_LOCK = 7_403_155_112;
// Due rows looked at per claimed row: room to skip rows whose key or type is busy.
const SCAN_FACTOR = 4;

/**
 * Leases up to `limit` jobs to one worker in one statement: due `pending`/`failed` jobs, and
 * `running` ones whose lease ran out (their worker died). Never two jobs with the same concurrency
 * key at once, never a key that has a job running, never more of a type than its cap. The attempt
 * is counted here, so a job that kills its worker every time still runs out of attempts.
 */
export async function claimJobs(db: Db, options: ClaimJobsOptions): Promise<ClaimedJob[]> {
  const { workerId, limit, leaseMs } = options;
  if (limit <= 0) return [];
  const json = (value: unknown) => JSON.stringify(value);
  const limits = Object.entries(options.maxConcurrency ?? {}).map(([type, max]) => ({ type, max }));
  const now = appNowSql();
  const preferIds = json(options.preferIds ?? []);
  const filters = sql`
    j.type not in (select type from full_types)
    and j.type not in (select jsonb_array_elements_text(${json(options.excludeTypes ?? [])}::jsonb))
    and (${options.onlyTypes ? 1 : 0} = 0
         or j.type in (select jsonb_array_elements_text(${json(options.onlyTypes ?? [])}::jsonb)))
    and (j.concurrency_key is null or not exists (
      select 1 from jobs r where r.status = 'running' and r.concurrency_key = j.concurrency_key and r.id <> j.id))`;
  const scan = limit * SCAN_FACTOR;
  const columns = sql`j.id, j.type, j.concurrency_key, j.run_at`;

  const claim = () =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK})`);
      return tx.execute(sql`
        with limits as (
          select * from jsonb_to_recordset(${json(limits)}::jsonb) as l(type text, max int)
        ),
        running_by_type as (
          select j.type, count(*)::int as n from jobs j join limits l on l.type = j.type
          where j.status = 'running' and j.locked_until >= now() group by j.type
        ),
        full_types as (
          select l.type from limits l left join running_by_type r on r.type = l.type
          where coalesce(r.n, 0) >= l.max
        ),
        preferred as (
          select ${columns}, 0 as tier from jobs j
          where j.id in (select jsonb_array_elements_text(${preferIds}::jsonb))
            and j.status in ('pending', 'failed') and j.run_at <= ${now} and ${filters}
          for update skip locked
        ),
        expired as (
          select ${columns}, 1 as tier from jobs j
          where j.status = 'running' and j.locked_until < now() and ${filters}
          order by j.locked_until limit ${scan}
          for update skip locked
        ),
        due as (
          select ${columns}, 2 as tier from jobs j
          where j.status in ('pending', 'failed') and j.run_at <= ${now} and ${filters}
            and j.id not in (select jsonb_array_elements_text(${preferIds}::jsonb))
          order by j.run_at limit ${scan}
          for update skip locked
        ),
        candidates as (
          select *, row_number() over (partition by coalesce(concurrency_key, id) order by tier, run_at, id) as key_rank
          from (select * from preferred union all select * from expired union all select * from due) c
        ),
        ranked as (
          select *, row_number() over (partition by type order by tier, run_at, id) as type_rank
          from candidates where key_rank = 1
        ),
        picked as (
          select r.id from ranked r
          left join limits l on l.type = r.type
          left join running_by_type rt on rt.type = r.type
          where l.max is null or r.type_rank <= l.max - coalesce(rt.n, 0)
          order by r.tier, r.run_at, r.id
          limit ${limit}
        )
        update jobs set
          status = 'running',
          attempts = jobs.attempts + 1,
          claims = jobs.claims + 1,
          locked_by = ${workerId},
          locked_until = now() + make_interval(secs => ${leaseMs / 1000}),
          updated_at = now()
        from picked where jobs.id = picked.id
        returning jobs.id, jobs.type, jobs.payload, jobs.attempts, jobs.max_attempts, jobs.claims,
                  jobs.snoozes, jobs.concurrency_key, jobs.last_error, jobs.created_at`);
    });

  let result: unknown;
  try {
    result = await claim();
  } catch (error) {
    // The unique running-key index refused a second running job for a key: only possible when a
    // running row changed hands outside a claim. Nothing was claimed; the next claim sees the truth.
    if (!isRunningKeyConflict(error)) throw error;
    return [];
  }
  return rowsOf<RawClaimedJob>(result).map((row) => ({
    id: row.id,
    type: row.type,
    payload: typeof row.payload === 'string' ? (JSON.parse(row.payload) as unknown) : row.payload,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    claims: Number(row.claims),
    snoozes: Number(row.snoozes),
    concurrencyKey: row.concurrency_key,
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
  }));
}

type RawClaimedJob = {
  id: string;
  type: string;
  payload: unknown;
  attempts: number | string;
  max_attempts: number | string;
  claims: number | string;
  snoozes: number | string;
  concurrency_key: string | null;
  last_error: string | null;
  created_at: Date | string;
};

function isRunningKeyConflict(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const { code, constraint_name, constraint } = current as Record<string, unknown>;
    if (code === '23505' && (constraint_name ?? constraint) === 'jobs_running_key_idx') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
