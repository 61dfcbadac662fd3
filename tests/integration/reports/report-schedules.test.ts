import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, jobSchedules, workspaces } from '@/lib/db/schema';
import { syncReportSchedules } from '@/lib/reports/sync-report-schedules';
import { updateReportSettings } from '@/lib/reports/update-report-settings';
import { listAuditEvents } from '@/lib/workspaces/list-audit-events';
import { createWorkspaceWithMembers } from '@/tests/factories/create-workspace-with-members';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb('pglite');
});
afterAll(async () => {
  await testDb?.drop();
});

describe('daily report schedules', () => {
  it('every workspace gets its daily run at its chosen time, in its zone, and follows a zone change', async () => {
    const db = testDb.db;
    const team = await createWorkspaceWithMembers(db, { agents: 1 });
    const id = `reports.daily:${team.workspaceId}`;
    const schedule = async () => (await db.select().from(jobSchedules).where(eq(jobSchedules.id, id)))[0];

    await syncReportSchedules(db);
    expect(await schedule()).toMatchObject({ jobType: 'reports.daily', cron: '0 6 * * *', enabled: true });

    await updateReportSettings(db, {
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      input: { dailyTime: '21:45', keyTemplate: '', settleDays: 5 },
    });
    expect(await schedule()).toMatchObject({ cron: '45 21 * * *' });
    // The audit log says who moved the run and from what; saving the same values adds nothing.
    const audit = () =>
      db.select().from(auditEvents).where(eq(auditEvents.action, 'reports.settings_changed'));
    expect(await audit()).toMatchObject([
      {
        workspaceId: team.workspaceId,
        actorUserId: team.owner.id,
        metadata: { dailyTime: { from: '06:00', to: '21:45' }, settleDays: { to: 5 } },
      },
    ]);
    await updateReportSettings(db, {
      workspaceId: team.workspaceId,
      userId: team.owner.id,
      input: { dailyTime: '21:45', keyTemplate: '', settleDays: 5 },
    });
    expect(await audit()).toHaveLength(1);
    const [logged] = await listAuditEvents(db, { workspaceId: team.workspaceId, userId: team.owner.id });
    expect(logged).toMatchObject({
      description: 'changed the report settings',
      changes: 'Daily run at 06:00 → 21:45; Settle window (days) 3 → 5',
    });

    await db.update(workspaces).set({ timeZone: 'Asia/Kolkata' }).where(eq(workspaces.id, team.workspaceId));
    expect(await syncReportSchedules(db)).toBeGreaterThanOrEqual(1);
    expect(await schedule()).toMatchObject({ cron: '45 21 * * *', timeZone: 'Asia/Kolkata' });
    expect(await syncReportSchedules(db)).toBe(0);

    // Agents cannot change report settings; a bad template is refused with a sentence.
    await expect(
      updateReportSettings(db, {
        workspaceId: team.workspaceId,
        userId: team.agents[0]!.id,
        input: { dailyTime: '07:00', keyTemplate: '', settleDays: 3 },
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      updateReportSettings(db, {
        workspaceId: team.workspaceId,
        userId: team.owner.id,
        input: { dailyTime: '07:00', keyTemplate: 'reports/{slug}/{date}.csv', settleDays: 3 },
      }),
    ).rejects.toThrow(/account_id/);
  });
});
