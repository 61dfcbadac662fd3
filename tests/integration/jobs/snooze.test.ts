import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jobs } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { TryLaterError } from '@/lib/errors/try-later-error';
import { defineJob, handleJob } from '@/lib/jobs/define-job';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { createJobRegistry } from '@/lib/jobs/job-registry';
import { runDueJobs } from '@/lib/jobs/run-due-jobs';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';
import { getJob, makeDue } from './support/test-jobs';

/** What pacing's HTTP layer does: wraps nothing, just says "not now". Two layers below the handler. */
async function callTikTok(): Promise<never> {
  throw new TryLaterError('Outbound rate limit for video.list is spent; capacity in 2 s.', 2000);
}
async function fetchPage() {
  try {
    return await callTikTok();
  } catch (error) {
    throw new Error('fetching the page failed', { cause: error });
  }
}

describe.each(TEST_DB_KINDS)('snoozing jobs on %s', (kind) => {
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

  it('a TryLaterError from deep below, or ctx.snooze, reschedules without using up an attempt', async () => {
    const pollJob = defineJob({
      type: 'test.poll-status',
      schema: z.object({ publishId: z.string() }),
      maxAttempts: 2,
    });
    const seen: { attempt: number; snoozes: number }[] = [];
    const registry = createJobRegistry([
      handleJob(pollJob, async (_payload, ctx) => {
        seen.push({ attempt: ctx.attempt, snoozes: ctx.snoozes });
        if (ctx.snoozes === 0) await fetchPage();
        if (ctx.snoozes < 3) ctx.snooze(60_000, 'TikTok is still processing the upload.');
        return { status: 'PUBLISH_COMPLETE' };
      }),
    ]);
    const { id } = await enqueueJob(db, pollJob, { publishId: 'v_pub_file~v2-1.1' });

    const before = Date.now();
    const first = await runDueJobs({ db, registry, workerId: 'w1', budgetMs: 5000 });
    expect(first).toMatchObject({ claimed: 1, snoozed: 1, failed: 0 });
    let row = await getJob(db, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 0, snoozes: 1, lastError: null });
    expect(row.note).toContain('rate limit for video.list is spent');
    expect(row.runAt.getTime() - before).toBeGreaterThanOrEqual(1500);
    expect(row.runAt.getTime() - before).toBeLessThan(10_000);

    // Not due yet: nothing runs.
    expect((await runDueJobs({ db, registry, workerId: 'w1', budgetMs: 5000 })).claimed).toBe(0);

    // Three more runs: two snooze through ctx.snooze, the last succeeds. maxAttempts is 2, yet
    // four runs happened: snoozes are not attempts.
    for (let run = 0; run < 3; run += 1) {
      await makeDue(db, id);
      await runDueJobs({ db, registry, workerId: 'w1', budgetMs: 5000 });
    }
    row = await getJob(db, id);
    expect(row).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      snoozes: 3,
      note: null,
      result: { status: 'PUBLISH_COMPLETE' },
    });
    expect(seen).toEqual([
      { attempt: 1, snoozes: 0 },
      { attempt: 1, snoozes: 1 },
      { attempt: 1, snoozes: 2 },
      { attempt: 1, snoozes: 3 },
    ]);
  });

  it('ends a job that snoozes past its type’s bound as dead, with the reason, and tells the feature', async () => {
    const waitJob = defineJob({ type: 'test.wait-forever', schema: z.object({}).loose(), maxSnoozes: 2 });
    const deaths: string[] = [];
    const registry = createJobRegistry([
      handleJob(waitJob, async (_payload, ctx) => ctx.snooze(10, 'Still waiting for capacity.'), {
        onDead: async (_payload, { error }) => {
          deaths.push(error);
        },
      }),
    ]);
    const { id } = await enqueueJob(db, waitJob, {});
    for (let run = 0; run < 3; run += 1) {
      await makeDue(db, id);
      await runDueJobs({ db, registry, workerId: 'w1', budgetMs: 5000 });
    }
    const row = await getJob(db, id);
    expect(row).toMatchObject({ status: 'dead', snoozes: 2, attempts: 1 });
    expect(row.lastError).toBe(
      'Gave up waiting after 2 snoozes (the limit for test.wait-forever). Last reason: Still waiting for capacity.',
    );
    expect(deaths).toEqual([row.lastError]);
  });

  it('ends a job that has waited longer than its snooze window', async () => {
    const windowJob = defineJob({
      type: 'test.window',
      schema: z.object({}).loose(),
      snoozeWindowMs: 60_000,
    });
    const registry = createJobRegistry([
      handleJob(windowJob, async () => {
        throw new TryLaterError('Retry-After: 30', 30_000);
      }),
    ]);
    const { id } = await enqueueJob(db, windowJob, {});
    await db.update(jobs).set({ createdAt: new Date(Date.now() - 120_000) });
    await runDueJobs({ db, registry, workerId: 'w1', budgetMs: 5000 });
    const row = await getJob(db, id);
    expect(row.status).toBe('dead');
    expect(row.lastError).toMatch(/^Gave up waiting after 2 min \(the limit for test.window is 60 s\)/);
  });
});
