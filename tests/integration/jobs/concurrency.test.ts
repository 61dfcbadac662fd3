import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '@/lib/db/create-db';
import { jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { claimJobs } from '@/lib/jobs/claim-jobs';
import { runDueJobs } from '@/lib/jobs/run-due-jobs';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';
import { getJob, insertJob, makeDue, sleep, testRegistry } from './support/test-jobs';

/** Tracks how many runs overlap, overall and per group. */
function overlapMeter() {
  const now = new Map<string, number>();
  const peak = new Map<string, number>();
  return {
    async during(group: string, ms: number) {
      const current = (now.get(group) ?? 0) + 1;
      now.set(group, current);
      peak.set(group, Math.max(peak.get(group) ?? 0, current));
      await sleep(ms);
      now.set(group, (now.get(group) ?? 1) - 1);
    },
    peak: (group: string) => peak.get(group) ?? 0,
  };
}

describe.each(TEST_DB_KINDS)('concurrency keys and per-type limits on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  const extra: DbHandle[] = [];
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    for (const handle of extra) await handle.close();
    await testDb?.drop();
  });
  beforeEach(async () => {
    await db.delete(jobs);
  });

  /** Several runners: separate connection pools on Postgres; PGlite has one connection. */
  async function runners(count: number): Promise<Db[]> {
    if (!testDb.url) return Array.from({ length: count }, () => db);
    return Promise.all(
      Array.from({ length: count }, async () => {
        const handle = await createDb({ url: testDb.url!, maxConnections: 6 });
        extra.push(handle);
        return handle.db;
      }),
    );
  }

  it('a claim never takes two jobs of one key, nor a key that has a job running', async () => {
    for (let i = 0; i < 3; i += 1) await insertJob(db, 'test.keyed', { concurrencyKey: 'account:a' });
    await insertJob(db, 'test.keyed', { concurrencyKey: 'account:b' });
    await insertJob(db, 'test.keyed');
    const { jobs: first } = await claimJobs(db, { workerId: 'w1', limit: 10, leaseMs: 60_000 });
    expect(first.map((job) => job.concurrencyKey).sort()).toEqual(['account:a', 'account:b', null]);
    // account:a still has two queued, but one of its jobs is running.
    expect((await claimJobs(db, { workerId: 'w2', limit: 10, leaseMs: 60_000 })).jobs).toEqual([]);
  });

  it('runs jobs sharing a key one at a time across runners, others in parallel', async () => {
    for (let i = 0; i < 6; i += 1) {
      await insertJob(db, 'test.keyed', { concurrencyKey: 'conversation:1', payload: { n: i } });
      await insertJob(db, 'test.keyed', { concurrencyKey: 'conversation:2', payload: { n: i } });
      await insertJob(db, 'test.keyed', { payload: { n: i } });
    }
    const meter = overlapMeter();
    const order: number[] = [];
    const registry = testRegistry({
      'test.keyed': async ({ n }, ctx) => {
        const [job] = await ctx.db
          .select({ key: jobs.concurrencyKey })
          .from(jobs)
          .where(sql`${jobs.id} = ${ctx.jobId}`);
        const key = job?.key ?? 'none';
        if (key === 'conversation:1') order.push(n);
        await meter.during(key, 40);
        await meter.during('all', 0);
      },
    });
    const dbs = await runners(3);
    const results = await Promise.all(
      dbs.map((runnerDb, i) =>
        runDueJobs({ db: runnerDb, registry, workerId: `w${i}`, budgetMs: 20_000, concurrency: 8 }),
      ),
    );
    expect(results.reduce((sum, result) => sum + result.succeeded, 0)).toBe(18);
    expect(meter.peak('conversation:1')).toBe(1);
    expect(meter.peak('conversation:2')).toBe(1);
    expect(meter.peak('none')).toBeGreaterThan(1);
    // One at a time, in the order they were enqueued.
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('a job waiting for its retry or snooze keeps its place: later jobs of its key wait behind it', async () => {
    const key = { concurrencyKey: 'conversation:1' };
    const message = [0, 1, 2].map((n) => ({ ...key, payload: { n } }));
    const ids: string[] = [];
    for (const values of message) ids.push((await insertJob(db, 'test.keyed', values)).id);
    // Scheduled for later and never started: it holds nothing up.
    await insertJob(db, 'test.keyed', {
      concurrencyKey: 'report-account:9',
      payload: { n: 10 },
      runAt: new Date(Date.now() + 3_600_000),
    });
    await insertJob(db, 'test.keyed', { concurrencyKey: 'report-account:9', payload: { n: 11 } });
    const sent: number[] = [];
    const once = new Set<number>();
    const registry = testRegistry({
      'test.keyed': async ({ n }, ctx) => {
        if (n === 0 && !once.has(n)) {
          once.add(n);
          throw new Error('TikTok answered 503');
        }
        if (n === 1 && !once.has(n)) {
          once.add(n);
          ctx.snooze(60_000, 'Waiting for rate-limit capacity.');
        }
        sent.push(n);
      },
    });
    const run = () => runDueJobs({ db, registry, workerId: 'w', budgetMs: 5000 });

    await run();
    expect(sent).toEqual([11]);
    expect(await getJob(db, ids[0]!)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await getJob(db, ids[1]!)).toMatchObject({ status: 'pending', attempts: 0 });

    await makeDue(db, ids[0]);
    await run();
    expect(sent).toEqual([11, 0]);
    expect(await getJob(db, ids[1]!)).toMatchObject({ status: 'pending', snoozes: 1 });
    expect(await getJob(db, ids[2]!)).toMatchObject({ status: 'pending', attempts: 0 });

    await makeDue(db, ids[1]);
    await run();
    expect(sent).toEqual([11, 0, 1, 2]);
  });

  // Needs a second connection holding a row lock while another claims: Postgres only.
  if (kind === 'postgres') {
    it('a key waits for its earlier due job even while another runner’s claim has that row locked', async () => {
      const first = await insertJob(db, 'test.keyed', {
        concurrencyKey: 'conversation:9',
        runAt: new Date(Date.now() - 2000),
      });
      const second = await insertJob(db, 'test.keyed', {
        concurrencyKey: 'conversation:9',
        runAt: new Date(Date.now() - 1000),
      });
      const [holder] = await runners(1);
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      // Stands in for a runner whose claim statement has scanned (and locked) the first job.
      const holding = holder!.transaction(async (tx) => {
        await tx.execute(sql`select id from jobs where id = ${first.id} for update`);
        locked();
        await released;
      });
      await isLocked;
      const during = await claimJobs(db, { workerId: 'w-during', limit: 10, leaseMs: 60_000 });
      release();
      await holding;
      expect(during.jobs.map((job) => job.id)).toEqual([]);
      const after = await claimJobs(db, { workerId: 'w-after', limit: 10, leaseMs: 60_000 });
      // One at a time: the second waits for the first to finish.
      expect(after.jobs.map((job) => job.id)).toEqual([first.id]);
      expect(after.jobs.map((job) => job.id)).not.toContain(second.id);
    });
  }

  it('keeps a type within its cap across runners, and uses the cap', async () => {
    for (let i = 0; i < 10; i += 1) await insertJob(db, 'test.capped');
    for (let i = 0; i < 10; i += 1) await insertJob(db, 'test.free');
    const meter = overlapMeter();
    const registry = testRegistry(
      {
        'test.capped': () => meter.during('capped', 60),
        'test.free': () => meter.during('free', 60),
      },
      { 'test.capped': { maxConcurrency: 2 } },
    );
    const dbs = await runners(2);
    const results = await Promise.all(
      dbs.map((runnerDb, i) =>
        runDueJobs({ db: runnerDb, registry, workerId: `w${i}`, budgetMs: 20_000, concurrency: 10 }),
      ),
    );
    expect(results.reduce((sum, result) => sum + result.succeeded, 0)).toBe(20);
    expect(meter.peak('capped')).toBe(2);
    expect(meter.peak('free')).toBeGreaterThan(2);
  });
});
