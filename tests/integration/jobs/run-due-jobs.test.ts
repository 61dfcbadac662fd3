import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { claimJobs } from '@/lib/jobs/claim-jobs';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { finishJob } from '@/lib/jobs/finish-jobs';
import { PermanentJobError, RetryJobLaterError } from '@/lib/jobs/job-errors';
import { pruneFinishedJobsJob } from '@/lib/jobs/jobs';
import { runDueJobs } from '@/lib/jobs/run-due-jobs';
import { processWebhookEventJob } from '@/lib/webhooks/jobs';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';
import { getJob, insertJob, makeDue, testRegistry } from './support/test-jobs';

describe.each(TEST_DB_KINDS)('durable jobs on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.drop();
  });
  beforeEach(async () => {
    await db.delete(jobs);
  });

  it('enqueues inside the caller’s transaction: a rollback leaves no job', async () => {
    await expect(
      db.transaction(async (tx) => {
        await enqueueJob(tx, processWebhookEventJob, { eventId: 'e1' });
        throw new Error('the write that caused the job failed');
      }),
    ).rejects.toThrow();
    expect(await db.select().from(jobs)).toHaveLength(0);

    await db.transaction((tx) => enqueueJob(tx, processWebhookEventJob, { eventId: 'e2' }));
    const [job] = await db.select().from(jobs);
    expect(job).toMatchObject({
      type: 'webhooks.process-event',
      status: 'pending',
      attempts: 0,
      maxAttempts: 10,
    });
  });

  it('validates payloads at enqueue and stores a dedupe key once', async () => {
    await expect(enqueueJob(db, processWebhookEventJob, { eventId: '' })).rejects.toThrow();
    const first = await enqueueJob(db, pruneFinishedJobsJob, {}, { dedupeKey: 'k1' });
    const second = await enqueueJob(db, pruneFinishedJobsJob, {}, { dedupeKey: 'k1' });
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    expect(await db.select().from(jobs)).toHaveLength(1);
  });

  it('runs due jobs, stores the result, and leaves future ones alone', async () => {
    const registry = testRegistry({ 'test.ok': async ({ n }) => ({ doubled: n * 2 }) });
    const due = await insertJob(db, 'test.ok');
    const later = await insertJob(db, 'test.ok', { runAt: new Date(Date.now() + 60_000) });
    const result = await runDueJobs({ db, budgetMs: 5000, workerId: 'w1', registry });
    expect(result).toMatchObject({ claimed: 1, succeeded: 1, failed: 0, dead: 0 });
    expect(await getJob(db, due.id)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      result: { doubled: 2 },
      lockedBy: null,
      lockedUntil: null,
    });
    expect((await getJob(db, due.id)).finishedAt).toBeInstanceOf(Date);
    expect(await getJob(db, later.id)).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('retries a failing handler with growing, jittered backoff, then marks it dead', async () => {
    let calls = 0;
    const registry = testRegistry({
      'test.fail': async () => {
        calls += 1;
        throw new Error(`TikTok said no (call ${calls}) access_token=act.sbx.secret123`);
      },
    });
    const job = await insertJob(db, 'test.fail', { maxAttempts: 3 });

    const before = Date.now();
    await runDueJobs({ db, budgetMs: 5000, workerId: 'w1', registry });
    let row = await getJob(db, job.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lockedBy: null });
    expect(row.lastError).toContain('TikTok said no (call 1)');
    expect(row.lastError).not.toContain('act.sbx.secret123');
    // Attempt 1: between half and all of the 1 s base (clock slack allowed).
    const delay1 = row.runAt.getTime() - before;
    expect(delay1).toBeGreaterThan(300);
    expect(delay1).toBeLessThan(2500);

    // Not due yet: a second pass does nothing.
    expect((await runDueJobs({ db, budgetMs: 5000, workerId: 'w1', registry })).claimed).toBe(0);

    await makeDue(db, job.id);
    const before2 = Date.now();
    await runDueJobs({ db, budgetMs: 5000, workerId: 'w1', registry });
    row = await getJob(db, job.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(row.runAt.getTime() - before2).toBeGreaterThan(800);

    await makeDue(db, job.id);
    const last = await runDueJobs({ db, budgetMs: 5000, workerId: 'w1', registry });
    expect(last).toMatchObject({ claimed: 1, dead: 1 });
    row = await getJob(db, job.id);
    expect(row).toMatchObject({ status: 'dead', attempts: 3 });
    expect(row.lastError).toContain('call 3');
    expect(row.finishedAt).toBeInstanceOf(Date);

    await makeDue(db, job.id);
    expect((await runDueJobs({ db, budgetMs: 5000, workerId: 'w1', registry })).claimed).toBe(0);
    expect(calls).toBe(3);
  });

  it('sends a permanent failure straight to dead and honours a handler’s retry delay', async () => {
    const registry = testRegistry({
      'test.permanent': async () => {
        throw new PermanentJobError('the post was deleted');
      },
      'test.later': async () => {
        throw new RetryJobLaterError('rate limited', 120_000);
      },
    });
    const permanent = await insertJob(db, 'test.permanent', { maxAttempts: 5 });
    const later = await insertJob(db, 'test.later', { maxAttempts: 5 });
    const before = Date.now();
    await runDueJobs({ db, budgetMs: 5000, workerId: 'w1', registry });
    expect(await getJob(db, permanent.id)).toMatchObject({ status: 'dead', attempts: 1 });
    const row = await getJob(db, later.id);
    expect(row.status).toBe('failed');
    expect(row.runAt.getTime() - before).toBeGreaterThan(110_000);
  });

  it('fails a job that outlives its timeout, and one whose type this deploy does not know', async () => {
    const registry = testRegistry(
      {
        'test.slow': (_payload, { signal }) =>
          new Promise((resolve) => signal.addEventListener('abort', () => setTimeout(resolve, 5000))),
      },
      { 'test.slow': { timeoutMs: 100 } },
    );
    const slow = await insertJob(db, 'test.slow');
    const unknown = await insertJob(db, 'test.from-a-newer-deploy');
    const bad = await insertJob(db, 'test.slow', { payload: { n: 'not a number' } });
    const started = performance.now();
    await runDueJobs({ db, budgetMs: 5000, workerId: 'w1', registry });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(await getJob(db, slow.id)).toMatchObject({
      status: 'failed',
      lastError: 'Timed out after 100 ms.',
    });
    expect(await getJob(db, unknown.id)).toMatchObject({ status: 'failed' });
    expect((await getJob(db, unknown.id)).lastError).toContain('No handler');
    expect(await getJob(db, bad.id)).toMatchObject({ status: 'dead' });
  });

  it('reclaims a job whose worker stopped mid-run once its lease expires, and finishes it', async () => {
    const job = await insertJob(db, 'test.ok');
    // Worker A claims with a short lease and then "dies": it never finishes.
    const {
      jobs: [claimedByA],
    } = await claimJobs(db, { workerId: 'worker-a', limit: 5, leaseMs: 300 });
    expect(claimedByA).toMatchObject({ id: job.id, attempts: 1, claims: 1 });
    expect(await getJob(db, job.id)).toMatchObject({ status: 'running', lockedBy: 'worker-a' });

    const registry = testRegistry({ 'test.ok': async () => 'done by b' });
    // While the lease holds, nobody else may take the job.
    expect((await runDueJobs({ db, budgetMs: 1000, workerId: 'worker-b', registry })).claimed).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 450));
    const result = await runDueJobs({ db, budgetMs: 1000, workerId: 'worker-b', registry });
    expect(result).toMatchObject({ claimed: 1, succeeded: 1 });
    expect(await getJob(db, job.id)).toMatchObject({ status: 'succeeded', attempts: 2, result: 'done by b' });

    // If A comes back to life, its late result is refused.
    const late = await finishJob(db, {
      id: job.id,
      claims: claimedByA!.claims,
      outcome: { kind: 'failed', error: 'late', retryInMs: 1000 },
    });
    expect(late).toBe(false);
    expect(await getJob(db, job.id)).toMatchObject({ status: 'succeeded' });
  });

  it('marks dead a job whose worker died during its last attempt', async () => {
    const job = await insertJob(db, 'test.ok', { maxAttempts: 1 });
    await claimJobs(db, { workerId: 'worker-a', limit: 1, leaseMs: 100 });
    await new Promise((resolve) => setTimeout(resolve, 250));
    let ran = false;
    const registry = testRegistry({
      'test.ok': async () => {
        ran = true;
      },
    });
    await runDueJobs({ db, budgetMs: 1000, workerId: 'worker-b', registry });
    expect(ran).toBe(false);
    const row = await getJob(db, job.id);
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row.lastError).toContain('stopped before finishing');
  });

  it('stops claiming once the budget is used', async () => {
    for (let i = 0; i < 6; i += 1) await insertJob(db, 'test.sleep');
    const registry = testRegistry({ 'test.sleep': () => new Promise((resolve) => setTimeout(resolve, 150)) });
    const result = await runDueJobs({ db, budgetMs: 100, workerId: 'w1', registry, concurrency: 2 });
    expect(result.claimed).toBe(2);
    expect(await db.select().from(jobs).where(eq(jobs.status, 'pending'))).toHaveLength(4);
    expect(await db.select().from(jobs).where(eq(jobs.status, 'succeeded'))).toHaveLength(2);
  });
});
