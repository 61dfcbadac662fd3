import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { claimJobs } from '@/lib/jobs/claim-jobs';
import { finishJob } from '@/lib/jobs/finish-jobs';
import { runDueJobs } from '@/lib/jobs/run-due-jobs';
import { runJobsFromCron } from '@/lib/jobs/run-jobs-from-cron';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';
import { getJob, insertJob, makeDue, sleep, testRegistry } from './support/test-jobs';

describe.each(TEST_DB_KINDS)('timeouts, aborts and leases on %s', (kind) => {
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

  it('tells a timed-out handler to stop, and its late result cannot overwrite a newer attempt', async () => {
    const job = await insertJob(db, 'test.slow');
    const writes: string[] = [];
    let stoppedWith: unknown = null;
    let lateResultReturned = false;
    const slow = testRegistry(
      {
        'test.slow': async (_payload, { signal }) => {
          // Work that checks its signal between steps stops; this one then ignores it for a while.
          for (let step = 0; step < 100; step += 1) {
            if (signal.aborted) {
              stoppedWith = signal.reason;
              break;
            }
            writes.push(`step ${step}`);
            await sleep(20);
          }
          await sleep(2500);
          lateResultReturned = true;
          return 'late result';
        },
      },
      { 'test.slow': { timeoutMs: 150 } },
    );
    const first = await runDueJobs({ db, registry: slow, workerId: 'worker-a', budgetMs: 5000 });
    expect(first).toMatchObject({ claimed: 1, failed: 1 });
    expect((stoppedWith as Error | null)?.name).toBe('TimeoutError');
    expect(writes.length).toBeLessThan(12);
    let row = await getJob(db, job.id);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 1,
      claims: 1,
      lastError: 'Timed out after 150 ms.',
    });

    // The retry runs (and succeeds) while the first run's handler is still going.
    await makeDue(db, job.id);
    const fast = testRegistry({ 'test.slow': async () => 'attempt 2 result' });
    await runDueJobs({ db, registry: fast, workerId: 'worker-b', budgetMs: 5000 });
    await sleep(1500);
    expect(lateResultReturned).toBe(true);
    row = await getJob(db, job.id);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 2, claims: 2, result: 'attempt 2 result' });
    // And if the first run tried to record its late result, the fence refuses it.
    expect(
      await finishJob(db, { id: job.id, claims: 1, outcome: { kind: 'succeeded', result: 'late result' } }),
    ).toBe(false);
    expect(await getJob(db, job.id)).toMatchObject({ result: 'attempt 2 result' });
  });

  it('keeps a long job’s lease alive with heartbeats, so no other runner takes it over', async () => {
    const job = await insertJob(db, 'test.long');
    let runs = 0;
    const registry = testRegistry(
      {
        'test.long': async () => {
          runs += 1;
          await sleep(1500);
          return 'uploaded';
        },
      },
      { 'test.long': { timeoutMs: 10_000 } },
    );
    const long = runDueJobs({ db, registry, workerId: 'uploader', budgetMs: 5000, leaseMs: 300 });
    // Another runner keeps trying during five lease lengths.
    const started = Date.now();
    let stolen = 0;
    while (Date.now() - started < 1300) {
      await sleep(100);
      stolen += (await claimJobs(db, { workerId: 'thief', limit: 5, leaseMs: 300 })).jobs.length;
    }
    expect(stolen).toBe(0);
    expect(await long).toMatchObject({ succeeded: 1, leaseLost: 0 });
    expect(runs).toBe(1);
    expect(await getJob(db, job.id)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      claims: 1,
      result: 'uploaded',
    });
  });

  it('aborts a run whose lease was lost and drops its result', async () => {
    const job = await insertJob(db, 'test.long');
    let reason: unknown = null;
    const registry = testRegistry(
      {
        'test.long': async (_payload, { signal }) => {
          await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
          reason = signal.reason;
          return 'should not be stored';
        },
      },
      { 'test.long': { timeoutMs: 10_000 } },
    );
    const running = runDueJobs({ db, registry, workerId: 'a', budgetMs: 5000, leaseMs: 300 });
    await sleep(150);
    // Another runner took the job over (its claim is newer).
    await db
      .update(jobs)
      .set({ claims: sql`${jobs.claims} + 1`, lockedBy: 'b' })
      .where(eq(jobs.id, job.id));
    expect(await running).toMatchObject({ claimed: 1, leaseLost: 1, succeeded: 0 });
    expect((reason as Error | null)?.name).toBe('LeaseLostError');
    expect(await getJob(db, job.id)).toMatchObject({ status: 'running', lockedBy: 'b', result: null });
  });

  it('a cron run claims only jobs whose timeout fits in what its maxDuration leaves', async () => {
    const short = await insertJob(db, 'test.short');
    const long = await insertJob(db, 'test.long');
    const registry = testRegistry(
      { 'test.short': async () => 'ok', 'test.long': async () => 'ok' },
      { 'test.short': { timeoutMs: 20_000 }, 'test.long': { timeoutMs: 53_000 } },
    );
    const result = await runJobsFromCron(db, {
      authorization: 'Bearer tokdesk-development-cron-secret',
      registry,
      maxDurationMs: 60_000,
    });
    expect(result).toMatchObject({ claimed: 1, succeeded: 1 });
    expect(await getJob(db, short.id)).toMatchObject({ status: 'succeeded' });
    expect(await getJob(db, long.id)).toMatchObject({ status: 'pending', attempts: 0 });
    // A worker without a deadline runs it.
    await runDueJobs({ db, registry, workerId: 'worker', budgetMs: 5000 });
    expect(await getJob(db, long.id)).toMatchObject({ status: 'succeeded' });
    await expect(
      runJobsFromCron(db, { authorization: 'Bearer wrong', registry, maxDurationMs: 60_000 }),
    ).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
