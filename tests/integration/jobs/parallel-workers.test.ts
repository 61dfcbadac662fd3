import { spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '@/lib/db/create-db';
import { jobs } from '@/lib/db/schema';
import { runDueJobs } from '@/lib/jobs/run-due-jobs';
import { hasPostgres } from '@/tests/helpers/services';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';
import { sleep, testRegistry } from './support/test-jobs';

// Several connections and processes at once: PGlite is one in-process connection, so real Postgres only.
describe.runIf(hasPostgres)('job workers in parallel on postgres', () => {
  let testDb: TestDb;
  const extraHandles: DbHandle[] = [];
  beforeAll(async () => {
    testDb = await createTestDb('postgres');
  });
  afterAll(async () => {
    for (const handle of extraHandles) await handle.close();
    await testDb?.drop();
  });

  it('four workers claiming in batches with their own connection pools never run the same job, and run them all', async () => {
    const total = 2000;
    await testDb.db
      .insert(jobs)
      .values(
        Array.from({ length: total }, (_, n) => ({ type: 'test.count', payload: { n }, maxAttempts: 3 })),
      );
    const runsByJob = new Map<string, string[]>();
    const registry = testRegistry({
      'test.count': async (_payload, ctx) => {
        runsByJob.set(ctx.jobId, [...(runsByJob.get(ctx.jobId) ?? []), ctx.workerId]);
        // Uneven and long enough that claims and finishes interleave across workers.
        await sleep(Math.random() * 4);
      },
    });
    const workers = await Promise.all(
      ['w1', 'w2', 'w3', 'w4'].map(async (workerId) => {
        const handle = await createDb({ url: testDb.url!, maxConnections: 4 });
        extraHandles.push(handle);
        return { workerId, db: handle.db };
      }),
    );
    const results = await Promise.all(
      workers.map(({ workerId, db }) =>
        runDueJobs({ db, budgetMs: 30_000, workerId, registry, concurrency: 32 }),
      ),
    );

    expect(runsByJob.size).toBe(total);
    const doubleRuns = [...runsByJob.entries()].filter(([, runs]) => runs.length > 1);
    expect(doubleRuns).toEqual([]);
    expect(results.reduce((sum, result) => sum + result.succeeded, 0)).toBe(total);
    // The work really was shared.
    expect(results.filter((result) => result.claimed > 0).length).toBeGreaterThan(1);
    const done = await testDb.db.select().from(jobs).where(eq(jobs.status, 'succeeded'));
    expect(done).toHaveLength(total);
    expect(done.every((job) => job.attempts === 1)).toBe(true);
  });

  it('a worker process killed mid-job loses its lease; another worker reclaims and finishes the job', async () => {
    const [job] = await testDb.db
      .insert(jobs)
      .values({ type: 'test.crash', payload: { n: 1 }, maxAttempts: 3 })
      .returning();

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=react-server', 'tests/integration/jobs/support/hanging-worker.ts'],
      { env: { ...process.env, HANGING_WORKER_DB_URL: testDb.url! }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const started = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('worker did not start the job')), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        const match = /started (\S+)/.exec(chunk.toString());
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect(started).toBe(job!.id);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const [orphan] = await testDb.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(orphan).toMatchObject({ status: 'running', lockedBy: 'doomed-worker', attempts: 1, claims: 1 });

    const registry = testRegistry({ 'test.crash': async () => 'finished by survivor' });
    // Immediately: the lease still holds.
    expect(
      (await runDueJobs({ db: testDb.db, budgetMs: 1000, workerId: 'survivor', registry })).claimed,
    ).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const result = await runDueJobs({ db: testDb.db, budgetMs: 1000, workerId: 'survivor', registry });
    expect(result).toMatchObject({ claimed: 1, succeeded: 1 });
    const [finished] = await testDb.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(finished).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      claims: 2,
      result: 'finished by survivor',
    });
  });
});
