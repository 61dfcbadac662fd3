import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { countOwners } from '@/lib/workspaces/count-owners';
import { leaveWorkspace } from '@/lib/workspaces/leave-workspace';
import { listMembers } from '@/lib/workspaces/list-members';
import { listUserWorkspaces } from '@/lib/workspaces/list-user-workspaces';
import { createWorkspaceWithMembers } from '@/tests/factories/create-workspace-with-members';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

describe.each(TEST_DB_KINDS)('leaveWorkspace on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('the last owner cannot leave', async () => {
    const team = await createWorkspaceWithMembers(db, { admins: 1 });
    await expect(
      leaveWorkspace(db, { workspaceId: team.workspaceId, userId: team.owner.id }),
    ).rejects.toMatchObject({
      code: 'conflict',
      status: 409,
      message: 'You are the only owner. Make someone else owner before you leave.',
    });
    expect(await listUserWorkspaces(db, team.owner.id)).toHaveLength(1);
  });

  it('with two owners one can leave, and the leave is audited', async () => {
    const team = await createWorkspaceWithMembers(db, { extraOwners: 1 });
    const coOwner = team.extraOwners[0]!;

    await leaveWorkspace(db, { workspaceId: team.workspaceId, userId: coOwner.id, ip: '192.0.2.77' });

    expect(await countOwners(db, team.workspaceId)).toBe(1);
    expect(
      (await listMembers(db, { workspaceId: team.workspaceId, userId: team.owner.id })).map((m) => m.userId),
    ).toEqual([team.owner.id]);
    expect(await listUserWorkspaces(db, coOwner.id)).toEqual([]);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, team.workspaceId), eq(auditEvents.action, 'member.left')));
    expect(event).toMatchObject({ actorUserId: coOwner.id, ip: '192.0.2.77' });

    await expect(
      leaveWorkspace(db, { workspaceId: team.workspaceId, userId: team.owner.id }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('agents and admins can leave', async () => {
    const team = await createWorkspaceWithMembers(db, { admins: 1, agents: 1 });
    await leaveWorkspace(db, { workspaceId: team.workspaceId, userId: team.agents[0]!.id });
    await leaveWorkspace(db, { workspaceId: team.workspaceId, userId: team.admins[0]!.id });
    expect(await listMembers(db, { workspaceId: team.workspaceId, userId: team.owner.id })).toHaveLength(1);
  });

  it('leaving twice answers not found', async () => {
    const team = await createWorkspaceWithMembers(db, { agents: 1 });
    const agent = team.agents[0]!;
    await leaveWorkspace(db, { workspaceId: team.workspaceId, userId: agent.id });
    await expect(
      leaveWorkspace(db, { workspaceId: team.workspaceId, userId: agent.id }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  // Each owner's transaction counts two owners before either delete commits, unless the check is
  // serialised. Several rounds, because on a pooled Postgres the interleaving is timing-dependent.
  it('two owners leaving at the same moment never leave the workspace ownerless', async () => {
    for (let round = 0; round < 5; round++) {
      const team = await createWorkspaceWithMembers(db, { extraOwners: 1 });

      const results = await Promise.allSettled([
        leaveWorkspace(db, { workspaceId: team.workspaceId, userId: team.owner.id }),
        leaveWorkspace(db, { workspaceId: team.workspaceId, userId: team.extraOwners[0]!.id }),
      ]);

      expect(await countOwners(db, team.workspaceId), `round ${round}`).toBe(1);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    }
  });
});
