import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDb } from '@/lib/db/create-db';
import { jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { sendMessagesJob } from '@/lib/inbox/jobs';
import { defineJob } from '@/lib/jobs/define-job';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import {
  KICK_JOIN_WINDOW_MS,
  KICKABLE_JOB_TIMEOUT_MS,
  kickJobs,
  runKickedJobs,
  setProcessJobTicker,
} from '@/lib/jobs/kick-jobs';
import { startJobTicker } from '@/lib/jobs/start-job-ticker';
import { publishPostTargetJob } from '@/lib/publishing/jobs';
import { collectReportAccountJob } from '@/lib/reports/jobs';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';
import { getJob, insertJob, sleep, testRegistry } from './support/test-jobs';

const replyJob = defineJob({ type: 'test.reply', schema: z.object({ n: z.number() }) });

describe.each(TEST_DB_KINDS)('kicking jobs a person waits for on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    setProcessJobTicker(undefined);
    await testDb?.drop();
  });
  beforeEach(async () => {
    await db.delete(jobs);
  });

  it('runs a kicked job at once, ahead of an older backlog, with one runner per process', async () => {
    const started: string[] = [];
    const registry = testRegistry({
      'test.backlog': async (_payload, ctx) => {
        started.push(ctx.jobId);
        await sleep(30);
      },
      'test.reply': async (_payload, ctx) => {
        started.push(ctx.jobId);
      },
    });
    for (let i = 0; i < 40; i += 1) {
      await insertJob(db, 'test.backlog', { runAt: new Date(Date.now() - 60_000) });
    }
    const { id } = await enqueueJob(db, replyJob, { n: 1 });
    // Two requests kick at the same moment: one runner, and both wait for it.
    await Promise.all([
      runKickedJobs([id], { getDb: async () => db, registry }),
      runKickedJobs([id], { getDb: async () => db, registry }),
    ]);
    expect(started.indexOf(id)).toBeGreaterThanOrEqual(0);
    expect(started.indexOf(id)).toBeLessThan(8);
    expect(new Set(started).size).toBe(started.length);
    expect(await getJob(db, id)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('wakes the in-process ticker instead of starting a second runner', async () => {
    const registry = testRegistry({ 'test.reply': async () => 'sent' });
    // Polls once at start, then not for a minute: only a kick can start the job in time.
    const ticker = startJobTicker({ getDb: async () => db, registry, workerId: 'ticker', pollMs: 60_000 });
    setProcessJobTicker(ticker);
    try {
      await sleep(300);
      const { id } = await enqueueJob(db, replyJob, { n: 2 });
      await runKickedJobs([id], { registry: testRegistry({}) });
      const deadline = Date.now() + 5000;
      while ((await getJob(db, id)).status !== 'succeeded' && Date.now() < deadline) await sleep(50);
      expect(await getJob(db, id)).toMatchObject({ status: 'succeeded', result: 'sent' });
    } finally {
      setProcessJobTicker(undefined);
      await ticker.stop();
    }
  });

  it('an idle worker is woken at commit by a job another process adds, not at its next poll', async () => {
    const ran: number[] = [];
    const registry = testRegistry({ 'test.reply': async (payload) => ran.push(payload.n) });
    const worker = startJobTicker({
      getDb: async () => db,
      registry,
      workerId: 'worker',
      pollMs: 60_000,
      listen: testDb.listen,
    });
    // Another instance's connection (a webhook request on Vercel): no in-process kick can reach us.
    const other = testDb.url ? await createDb({ url: testDb.url, maxConnections: 1 }) : testDb;
    try {
      await sleep(300);
      const { id } = await other.db.transaction(async (tx) => {
        const added = await enqueueJob(tx, replyJob, { n: 4 });
        await sleep(200);
        // Not before commit: a job in an open transaction is invisible, and its wake-up too.
        expect(ran).toEqual([]);
        return added;
      });
      const deadline = Date.now() + 5000;
      while ((await getJob(db, id)).status !== 'succeeded' && Date.now() < deadline) await sleep(50);
      expect(await getJob(db, id)).toMatchObject({ status: 'succeeded' });
      expect(ran).toEqual([4]);
    } finally {
      await worker.stop();
      if (other !== testDb) await other.close();
    }
  });

  it('a job committed after the first poll but before LISTEN took effect still runs at once', async () => {
    const listen = testDb.listen;
    if (!listen) throw new Error('the test database offers LISTEN');
    const ran: number[] = [];
    const registry = testRegistry({ 'test.reply': async (payload) => ran.push(payload.n) });
    let releaseListen = () => {};
    const listenHeld = new Promise<void>((resolve) => {
      releaseListen = resolve;
    });
    const worker = startJobTicker({
      getDb: async () => db,
      registry,
      workerId: 'slow-listen',
      pollMs: 60_000,
      // A LISTEN that takes effect late, as on a busy server: its NOTIFY would reach nobody.
      listen: async (channel, onNotify) => {
        await listenHeld;
        return listen(channel, onNotify);
      },
    });
    try {
      // Past the first poll, which found nothing: the pool now sleeps for a minute.
      await sleep(300);
      const { id } = await enqueueJob(db, replyJob, { n: 5 });
      releaseListen();
      const deadline = Date.now() + 5000;
      while ((await getJob(db, id)).status !== 'succeeded' && Date.now() < deadline) await sleep(50);
      expect(ran).toEqual([5]);
    } finally {
      releaseListen();
      await worker.stop();
    }
  });

  it('jobs a person starts fit an after-response run; a type that would not is refused, not parked', async () => {
    for (const job of [sendMessagesJob, publishPostTargetJob, collectReportAccountJob]) {
      expect(job.timeoutMs ?? 0, job.type).toBeLessThanOrEqual(KICKABLE_JOB_TIMEOUT_MS);
    }
    const longest = defineJob({
      type: 'test.longest-kickable',
      schema: z.object({ n: z.number() }),
      timeoutMs: KICKABLE_JOB_TIMEOUT_MS,
    });
    const registry = testRegistry(
      { 'test.longest-kickable': async () => 'done' },
      { 'test.longest-kickable': { timeoutMs: KICKABLE_JOB_TIMEOUT_MS } },
    );
    const { id } = await enqueueJob(db, longest, { n: 1 });
    await runKickedJobs([id], { getDb: async () => db, registry });
    expect(await getJob(db, id)).toMatchObject({ status: 'succeeded' });

    const tooLong = defineJob({
      type: 'test.too-long',
      schema: z.object({ n: z.number() }),
      timeoutMs: KICKABLE_JOB_TIMEOUT_MS + 1,
    });
    await expect(enqueueJob(db, tooLong, { n: 1 }, { startNow: true })).rejects.toThrow(/cannot start now/);
    expect(await db.select().from(jobs).where(eq(jobs.type, 'test.too-long'))).toEqual([]);
  });

  it('a kick after the join window runs in a run of its own, not behind a long one it cannot use', async () => {
    const longest = defineJob({
      type: 'test.longest-kickable',
      schema: z.object({ n: z.number() }),
      timeoutMs: KICKABLE_JOB_TIMEOUT_MS,
    });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let slowStarted = false;
    const registry = testRegistry(
      {
        'test.slow': async () => {
          slowStarted = true;
          await held;
        },
        'test.longest-kickable': async () => 'done',
      },
      { 'test.longest-kickable': { timeoutMs: KICKABLE_JOB_TIMEOUT_MS } },
    );
    const deps = { getDb: async () => db, registry };
    const slow = await insertJob(db, 'test.slow');
    const first = runKickedJobs([slow.id], deps);
    try {
      while (!slowStarted) await sleep(20);
      await sleep(KICK_JOIN_WINDOW_MS + 200);
      // Too late to join: the first run's remaining time no longer fits this type's timeout, and
      // this request must not wait for a run that has nothing to do with it.
      const { id } = await enqueueJob(db, longest, { n: 1 });
      const second = runKickedJobs([id], deps);
      const outcome = await Promise.race([second.then(() => 'returned'), sleep(5000).then(() => 'waited')]);
      expect(outcome).toBe('returned');
      expect(await getJob(db, id)).toMatchObject({ status: 'succeeded', result: 'done' });
      expect(await getJob(db, slow.id)).toMatchObject({ status: 'running' });
    } finally {
      release();
      await first;
    }
    expect(await getJob(db, slow.id)).toMatchObject({ status: 'succeeded' });
  });

  it('a kicked job does not wait for a slot in a run whose pool slow backlog work has filled', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let slowRunning = 0;
    const registry = testRegistry({
      'test.slow': async () => {
        slowRunning += 1;
        await held;
      },
      'test.reply': async () => 'sent',
    });
    const deps = { getDb: async () => db, registry };
    const backlog: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      backlog.push((await insertJob(db, 'test.slow', { runAt: new Date(Date.now() - 60_000) })).id);
    }
    const first = runKickedJobs([backlog[0]!], deps);
    try {
      while (slowRunning < 8) await sleep(20);
      // The run's pool is full of work nobody is waiting for; a reply joins the run.
      const { id } = await enqueueJob(db, replyJob, { n: 5 });
      void runKickedJobs([id], deps);
      const deadline = Date.now() + 3000;
      while ((await getJob(db, id)).status !== 'succeeded' && Date.now() < deadline) await sleep(50);
      expect(await getJob(db, id)).toMatchObject({ status: 'succeeded', result: 'sent' });
      expect(slowRunning).toBe(8);
    } finally {
      release();
      await first;
    }
  });

  it('outside a request, kicking does nothing and throws nothing: the runners poll', async () => {
    const { id } = await enqueueJob(db, replyJob, { n: 3 }, { startNow: true });
    kickJobs([id]);
    await sleep(50);
    expect(await getJob(db, id)).toMatchObject({ status: 'pending', attempts: 0 });
  });
});
