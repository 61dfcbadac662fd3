import 'server-only';
import { sql } from 'drizzle-orm';
import { appNowSql } from '@/lib/db/app-now-sql';
import { rowsOf } from '@/lib/db/rows-of';
import type { Db } from '@/lib/db/types';

export type JobOutcome =
  | { kind: 'succeeded'; result: unknown }
  | { kind: 'failed'; error: string; retryInMs: number }
  | { kind: 'dead'; error: string }
  /** Not a failure: the attempt is given back and the job runs again after `delayMs`. */
  | { kind: 'snoozed'; reason: string; delayMs: number };

export type JobFinish = {
  id: string;
  /** The claim this run was given: a newer claim (lease lost, taken over) makes this finish a no-op. */
  claims: number;
  outcome: JobOutcome;
};

/**
 * Records how runs ended, many in one statement, each only if its claim is still the job's latest
 * and the job is still running. Returns the ids that were recorded; a missing id means that run had
 * lost its lease: the newer run's result wins, this one is dropped.
 */
export async function finishJobs(db: Db, finishes: readonly JobFinish[]): Promise<Set<string>> {
  if (finishes.length === 0) return new Set();
  const rows = finishes.map(({ id, claims, outcome }) => ({
    id,
    claims,
    status: outcome.kind === 'snoozed' ? 'pending' : outcome.kind,
    snoozed: outcome.kind === 'snoozed' ? 1 : 0,
    result: outcome.kind === 'succeeded' ? (outcome.result ?? null) : null,
    error: outcome.kind === 'failed' || outcome.kind === 'dead' ? outcome.error : null,
    note: outcome.kind === 'snoozed' ? outcome.reason : null,
    delay_ms:
      outcome.kind === 'failed' ? outcome.retryInMs : outcome.kind === 'snoozed' ? outcome.delayMs : null,
  }));
  const result = await db.execute(sql`
    update jobs j set
      status = v.status::job_status,
      attempts = j.attempts - v.snoozed,
      snoozes = j.snoozes + v.snoozed,
      result = case when v.status = 'succeeded' then v.result else j.result end,
      last_error = coalesce(v.error, j.last_error),
      note = v.note,
      run_at = case when v.delay_ms is null then j.run_at
                    else ${appNowSql()} + v.delay_ms * interval '1 millisecond' end,
      finished_at = case when v.status in ('succeeded', 'dead') then now() end,
      locked_by = null,
      locked_until = null,
      type_slot = null,
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as v(id text, claims int, status text, snoozed int, result jsonb, error text, note text, delay_ms float8)
    where j.id = v.id and j.claims = v.claims and j.status = 'running'
    returning j.id`);
  return new Set(rowsOf<{ id: string }>(result).map((row) => row.id));
}

/** One run's finish; false when its lease was lost. */
export async function finishJob(db: Db, finish: JobFinish): Promise<boolean> {
  return (await finishJobs(db, [finish])).has(finish.id);
}

/**
 * Extends the leases of running jobs, all in one statement, while their handlers work (a 2 GiB
 * upload outlives any fixed lease). Returns the ids still held; the others were taken over.
 */
export async function extendLeases(
  db: Db,
  runs: readonly { id: string; claims: number }[],
  leaseMs: number,
): Promise<Set<string>> {
  if (runs.length === 0) return new Set();
  const result = await db.execute(sql`
    update jobs j set locked_until = now() + make_interval(secs => ${leaseMs / 1000})
    from jsonb_to_recordset(${JSON.stringify(runs)}::jsonb) as v(id text, claims int)
    where j.id = v.id and j.claims = v.claims and j.status = 'running'
    returning j.id`);
  return new Set(rowsOf<{ id: string }>(result).map((row) => row.id));
}
