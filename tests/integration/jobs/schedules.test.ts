import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDb, type DbHandle } from '@/lib/db/create-db';
import { jobSchedules, jobs, workspaces } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { defineJob, handleJob } from '@/lib/jobs/define-job';
import { fireDueSchedules } from '@/lib/jobs/fire-due-schedules';
import { createJobRegistry } from '@/lib/jobs/job-registry';
import { runRunnerMaintenance } from '@/lib/jobs/runner-maintenance';
import { removeJobSchedule, setJobSchedule } from '@/lib/jobs/set-job-schedule';
import { syncDeclaredSchedules } from '@/lib/jobs/sync-declared-schedules';
import { setClockOffset } from '@/lib/time/clock';
import { createTestUser } from '@/tests/factories/create-user';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

const dailyReportJob = defineJob({
  type: 'test.reports.daily',
  schema: z.object({ workspaceId: z.string() }),
});
const registry = createJobRegistry([handleJob(dailyReportJob, async () => 'collected')]);

/** Moves the app clock (and so the queue's SQL clock) to this instant. */
function travelTo(iso: string) {
  setClockOffset(new Date(iso).getTime() - Date.now());
}

describe.each(TEST_DB_KINDS)('job schedules on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  let workspaceId: string;
  const extra: DbHandle[] = [];
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
    workspaceId = (await createTestUser(db)).workspaceId;
  });
  afterAll(async () => {
    for (const handle of extra) await handle.close();
    await testDb?.drop();
  });
  beforeEach(async () => {
    await db.delete(jobs);
    await db.delete(jobSchedules);
  });
  afterEach(() => setClockOffset(0));

  /** Three runners firing at once: own connection pools on Postgres, the one PGlite connection otherwise. */
  async function fireFromThreeRunners(): Promise<number> {
    if (testDb.url && extra.length === 0) {
      for (let i = 0; i < 3; i += 1) extra.push(await createDb({ url: testDb.url, maxConnections: 2 }));
    }
    const dbs = testDb.url ? extra.map((handle) => handle.db) : [db, db, db];
    const fired = await Promise.all(dbs.map((runnerDb) => fireDueSchedules(runnerDb, registry)));
    return fired.reduce((sum, n) => sum + n, 0);
  }

  async function nextRunAt(id: string) {
    const [row] = await db.select().from(jobSchedules).where(eq(jobSchedules.id, id));
    return row?.nextRunAt.toISOString();
  }

  it('fires a workspace’s daily run once per occurrence across runners, at its local time through both DST changes', async () => {
    const id = `reports.daily:${workspaceId}`;
    travelTo('2026-03-27T12:00:00Z');
    await setJobSchedule(db, {
      id,
      job: dailyReportJob,
      payload: { workspaceId },
      cron: '30 2 * * *',
      timeZone: 'Europe/Berlin',
      workspaceId,
    });
    // 02:30 in Berlin: 01:30Z in winter time (CET), 00:30Z in summer time (CEST). On 29 March
    // 02:30 does not exist (clocks jump 02:00 → 03:00): it runs at 03:00 CEST, the first valid time.
    const spring = ['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z'];
    expect(await nextRunAt(id)).toBe(spring[0]);
    for (const [i, occurrence] of spring.entries()) {
      travelTo(new Date(new Date(occurrence).getTime() - 60_000).toISOString());
      expect(await fireFromThreeRunners()).toBe(0);
      travelTo(new Date(new Date(occurrence).getTime() + 5_000).toISOString());
      expect(await fireFromThreeRunners()).toBe(1);
      expect(await fireFromThreeRunners()).toBe(0);
      expect(await db.select().from(jobs)).toHaveLength(i + 1);
    }
    expect(await nextRunAt(id)).toBe('2026-03-31T00:30:00.000Z');

    // Autumn: 02:30 happens twice on 25 October (00:30Z in CEST, then 01:30Z in CET): once only.
    await db.delete(jobs);
    travelTo('2026-10-23T12:00:00Z');
    await setJobSchedule(db, {
      id,
      job: dailyReportJob,
      payload: { workspaceId },
      cron: '30 2 * * *',
      timeZone: 'Europe/Berlin',
      workspaceId,
    });
    expect(await nextRunAt(id)).toBe('2026-03-31T00:30:00.000Z'); // unchanged expression: next run kept
    await setJobSchedule(db, {
      id,
      job: dailyReportJob,
      payload: { workspaceId },
      cron: '30 2 * * *',
      timeZone: 'UTC',
      workspaceId,
    });
    await setJobSchedule(db, {
      id,
      job: dailyReportJob,
      payload: { workspaceId },
      cron: '30 2 * * *',
      timeZone: 'Europe/Berlin',
      workspaceId,
    });
    const autumn = ['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z'];
    expect(await nextRunAt(id)).toBe(autumn[0]);
    for (const occurrence of autumn) {
      travelTo(new Date(new Date(occurrence).getTime() + 5_000).toISOString());
      expect(await fireFromThreeRunners()).toBe(1);
    }
    travelTo('2026-10-26T01:00:00Z');
    expect(await fireFromThreeRunners()).toBe(0);
    const fired = await db.select().from(jobs);
    expect(fired.map((job) => job.dedupeKey).sort()).toEqual(autumn.map((at) => `schedule:${id}:${at}`));
    expect(fired.every((job) => job.workspaceId === workspaceId && job.type === dailyReportJob.type)).toBe(
      true,
    );
    expect(fired[0]?.payload).toEqual({ workspaceId });
  });

  it('collapses occurrences missed while nothing ran into one run', async () => {
    travelTo('2026-05-01T08:00:00Z');
    await setJobSchedule(db, {
      id: 'hourly',
      job: dailyReportJob,
      payload: { workspaceId },
      cron: '0 * * * *',
      timeZone: 'UTC',
    });
    travelTo('2026-05-03T08:10:00Z');
    expect(await fireFromThreeRunners()).toBe(1);
    expect(await nextRunAt('hourly')).toBe('2026-05-03T09:00:00.000Z');
  });

  it('refuses a bad expression or zone with a sentence, and goes away with its workspace', async () => {
    await expect(
      setJobSchedule(db, {
        id: 'x',
        job: dailyReportJob,
        payload: { workspaceId },
        cron: '61 * * * *',
        timeZone: 'UTC',
      }),
    ).rejects.toMatchObject({
      code: 'unprocessable_entity',
      message: expect.stringContaining('not a cron expression'),
    });
    await expect(
      setJobSchedule(db, {
        id: 'x',
        job: dailyReportJob,
        payload: { workspaceId },
        cron: '0 6 * * *',
        timeZone: 'Mars/Olympus',
      }),
    ).rejects.toMatchObject({
      code: 'unprocessable_entity',
      message: expect.stringContaining('not an IANA time zone'),
    });
    await expect(
      setJobSchedule(db, {
        id: 'x',
        job: dailyReportJob,
        payload: { workspaceId: 1 } as never,
        cron: '0 6 * * *',
        timeZone: 'UTC',
      }),
    ).rejects.toThrow();

    const doomed = await createTestUser(db);
    await setJobSchedule(db, {
      id: `reports.daily:${doomed.workspaceId}`,
      job: dailyReportJob,
      payload: { workspaceId: doomed.workspaceId },
      cron: '0 6 * * *',
      timeZone: 'Asia/Tokyo',
      workspaceId: doomed.workspaceId,
    });
    await setJobSchedule(db, {
      id: 'kept',
      job: dailyReportJob,
      payload: { workspaceId },
      cron: '0 6 * * *',
      timeZone: 'UTC',
    });
    await db.delete(workspaces).where(eq(workspaces.id, doomed.workspaceId));
    expect((await db.select().from(jobSchedules)).map((row) => row.id)).toEqual(['kept']);
    expect(await removeJobSchedule(db, 'kept')).toBe(true);
    expect(await removeJobSchedule(db, 'kept')).toBe(false);
  });

  it('keeps schedules that job types declare in step with the code, leaving `enabled` to operators', async () => {
    travelTo('2026-06-01T10:00:00Z');
    const declare = (cron: string) =>
      createJobRegistry([
        handleJob(
          defineJob({
            type: 'test.nightly',
            schema: z.object({}).loose(),
            schedule: { cron, timeZone: 'America/New_York' },
          }),
          async () => 'ok',
        ),
      ]);
    await syncDeclaredSchedules(db, declare('0 3 * * *'));
    const [created] = await db.select().from(jobSchedules);
    expect(created).toMatchObject({
      id: 'test.nightly',
      declared: true,
      enabled: true,
      cron: '0 3 * * *',
      timeZone: 'America/New_York',
    });
    expect(created?.nextRunAt.toISOString()).toBe('2026-06-02T07:00:00.000Z');

    await db.update(jobSchedules).set({ enabled: false });
    await syncDeclaredSchedules(db, declare('0 3 * * *'));
    await syncDeclaredSchedules(db, declare('0 5 * * *'));
    const [changed] = await db.select().from(jobSchedules);
    expect(changed).toMatchObject({ cron: '0 5 * * *', enabled: false });
    expect(changed?.nextRunAt.toISOString()).toBe('2026-06-02T09:00:00.000Z');

    // A runner starting with the registry syncs and fires through its maintenance step.
    await db.update(jobSchedules).set({ enabled: true });
    travelTo('2026-06-02T09:00:30Z');
    const nightly = declare('0 5 * * *');
    await runRunnerMaintenance(db, nightly);
    expect(await db.select({ type: jobs.type }).from(jobs)).toEqual([{ type: 'test.nightly' }]);
  });
});
