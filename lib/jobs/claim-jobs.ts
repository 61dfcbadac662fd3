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

export type ClaimResult = {
  jobs: ClaimedJob[];
  /** Running jobs whose lease had run out, put back in the queue by this claim (claimable next). */
  released: number;
};

export type ClaimJobsOptions = {
  workerId: string;
  limit: number;
  /** How long the claim holds unless extended; after that the job is released to other workers. */
  leaseMs: number;
  /** Claimed first, ahead of older due work (jobs a person just started). */
  preferIds?: readonly string[];
  /** Only `preferIds`, no other due work (a full pool making room for someone's jobs alone). */
  preferredOnly?: boolean;
  /** Never these types (their timeout does not fit the time this runner has left). */
  excludeTypes?: readonly string[];
  /** Only these types (a runner dedicated to some work); all when omitted. */
  onlyTypes?: readonly string[];
  /** Per-type caps on running jobs across every runner. */
  maxConcurrency?: Readonly<Record<string, number>>;
};

// Due rows looked at per claimed row: room to skip rows whose key or type is busy.
const SCAN_FACTOR = 4;
/** Expired leases released per claim; more are released by the next claims. */
const RELEASE_LIMIT = 100;

/**
 * Leases up to `limit` due `pending`/`failed` jobs to one worker, in ONE statement (one round trip,
 * one commit per batch). Never two jobs with the same concurrency key at once, never a key that has
 * a job running, never more of a type than its cap: the claim picks accordingly, and the unique
 * indexes on running keys and type slots make it hold even when two runners race (the loser's
 * statement fails as a whole and it simply claims again). A key's jobs run in the order they were
 * enqueued: a job waits while an earlier one of its key is due, or has started and is waiting for
 * its retry or snooze (a failed send must not be overtaken by the next message of its
 * conversation), even one that another runner's claim has locked (SKIP LOCKED hides that row from
 * this scan, not from a plain read). Only an earlier job not yet due and never started lets it
 * pass. The attempt is counted here, so a job that kills its worker every time still runs out of
 * attempts.
 *
 * The same statement releases `running` jobs whose lease ran out (their worker died or hung): back
 * to `pending`, or `dead` when that was their last attempt; the next claim picks them up.
 */
export async function claimJobs(db: Db, options: ClaimJobsOptions): Promise<ClaimResult> {
  const { workerId, limit, leaseMs } = options;
  if (limit <= 0) return { jobs: [], released: 0 };
  const json = (value: unknown) => JSON.stringify(value);
  const limits = Object.entries(options.maxConcurrency ?? {}).map(([type, max]) => ({ type, max }));
  const now = appNowSql();
  const preferIds = json(options.preferIds ?? []);
  const filters = sql`
    j.type not in (select type from full_types)
    and j.type not in (select jsonb_array_elements_text(${json(options.excludeTypes ?? [])}::jsonb))
    and (${options.onlyTypes ? 1 : 0} = 0
         or j.type in (select jsonb_array_elements_text(${json(options.onlyTypes ?? [])}::jsonb)))
    and (j.concurrency_key is null or (
      not exists (select 1 from jobs r where r.status = 'running' and r.concurrency_key = j.concurrency_key)
      and not exists (select 1 from jobs e where e.concurrency_key = j.concurrency_key
        and e.status in ('pending', 'failed') and (e.run_at <= ${now} or e.claims > 0)
        and (e.created_at, e.id) < (j.created_at, j.id))))`;
  const columns = sql`j.id, j.type, j.concurrency_key, j.run_at`;

  let result: unknown;
  try {
    result = await db.execute(sql`
      with released as (
        update jobs set
          status = (case when attempts >= max_attempts then 'dead' else 'pending' end)::job_status,
          last_error = case when attempts >= max_attempts
            then coalesce(last_error, 'The worker running the last attempt stopped before finishing.')
            else last_error end,
          finished_at = case when attempts >= max_attempts then now() end,
          locked_by = null, locked_until = null, type_slot = null, updated_at = now()
        where id in (
          select id from jobs where status = 'running' and locked_until < now()
          order by locked_until limit ${RELEASE_LIMIT} for update skip locked)
        returning id
      ),
      limits as (
        select * from jsonb_to_recordset(${json(limits)}::jsonb) as l(type text, max int)
      ),
      free_slots as (
        select l.type, s.slot, row_number() over (partition by l.type order by s.slot) as n
        from limits l cross join lateral generate_series(1, l.max) as s(slot)
        where not exists (
          select 1 from jobs r where r.status = 'running' and r.type = l.type and r.type_slot = s.slot)
      ),
      full_types as (
        select l.type from limits l where not exists (select 1 from free_slots f where f.type = l.type)
      ),
      preferred as (
        select ${columns}, 0 as tier from jobs j
        where j.id in (select jsonb_array_elements_text(${preferIds}::jsonb))
          and j.status in ('pending', 'failed') and j.run_at <= ${now} and ${filters}
        for update skip locked
      ),
      due as (
        select ${columns}, 1 as tier from jobs j
        where j.status in ('pending', 'failed') and j.run_at <= ${now} and ${filters}
          and j.id not in (select jsonb_array_elements_text(${preferIds}::jsonb))
        order by j.run_at limit ${options.preferredOnly ? 0 : limit * SCAN_FACTOR}
        for update skip locked
      ),
      candidates as (
        select *, row_number() over (partition by coalesce(concurrency_key, id) order by tier, run_at, id) as key_rank
        from (select * from preferred union all select * from due) c
      ),
      ranked as (
        select *, row_number() over (partition by type order by tier, run_at, id) as type_rank
        from candidates where key_rank = 1
      ),
      picked as (
        select r.id, f.slot from ranked r
        left join limits l on l.type = r.type
        left join free_slots f on f.type = r.type and f.n = r.type_rank
        where l.max is null or f.slot is not null
        order by r.tier, r.run_at, r.id
        limit ${limit}
      ),
      claimed as (
      update jobs set
        status = 'running',
        attempts = jobs.attempts + 1,
        claims = jobs.claims + 1,
        type_slot = picked.slot,
        locked_by = ${workerId},
        locked_until = now() + make_interval(secs => ${leaseMs / 1000}),
        updated_at = now()
      from picked where jobs.id = picked.id
      returning jobs.id, jobs.type, jobs.payload, jobs.attempts, jobs.max_attempts, jobs.claims,
                jobs.snoozes, jobs.concurrency_key, jobs.last_error, jobs.created_at
      )
      -- One row even when nothing was claimed, to carry the number released.
      select claimed.*, (select count(*)::int from released) as released
      from (select 1) as one left join claimed on true`);
  } catch (error) {
    // Another runner won a race for a key or a type slot (a unique index refused ours). Nothing was
    // claimed; the next claim sees the winner's rows.
    if (!isRunningConflict(error)) throw error;
    return { jobs: [], released: 0 };
  }
  const rows = rowsOf<RawClaimedJob>(result);
  const jobs = rows.flatMap((row) => (row.id === null ? [] : [toClaimedJob({ ...row, id: row.id })]));
  return { jobs, released: Number(rows[0]?.released ?? 0) };
}

function toClaimedJob(row: RawClaimedJob & { id: string }): ClaimedJob {
  return {
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
  };
}

type RawClaimedJob = {
  released: number | string;
  id: string | null;
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

const RUNNING_INDEXES = new Set(['jobs_running_key_idx', 'jobs_running_type_slot_idx']);

function isRunningConflict(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const { code, constraint_name, constraint } = current as Record<string, unknown>;
    if (code === '23505' && RUNNING_INDEXES.has(String(constraint_name ?? constraint))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
