import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { countOwners } from '@/lib/workspaces/count-owners';
import { listMembers } from '@/lib/workspaces/list-members';
import { removeMember } from '@/lib/workspaces/remove-member';
import { createTestUser } from '@/tests/factories/create-user';
import { createWorkspaceWithMembers } from '@/tests/factories/create-workspace-with-members';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

describe.each(TEST_DB_KINDS)('removeMember on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  async function memberIds(workspaceId: string, viewerId: string) {
    return (await listMembers(db, { workspaceId, userId: viewerId })).map((member) => member.userId);
  }

  it('an admin removes agents and admins, who then lose access; each removal is audited', async () => {
    const team = await createWorkspaceWithMembers(db, { admins: 2, agents: 1 });
    const [admin, otherAdmin] = team.admins;
    const agent = team.agents[0]!;

    await removeMember(db, { workspaceId: team.workspaceId, actorUserId: admin!.id, memberUserId: agent.id });
    await removeMember(db, {
      workspaceId: team.workspaceId,
      actorUserId: admin!.id,
      memberUserId: otherAdmin!.id,
    });

    expect(await memberIds(team.workspaceId, admin!.id)).toEqual([team.owner.id, admin!.id]);
    await expect(listMembers(db, { workspaceId: team.workspaceId, userId: agent.id })).rejects.toMatchObject({
      code: 'not_found',
    });
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, team.workspaceId), eq(auditEvents.action, 'member.removed')));
    expect(
      events.map(({ actorUserId, targetType, targetId, metadata }) => ({
        actorUserId,
        targetType,
        targetId,
        metadata,
      })),
    ).toEqual(
      expect.arrayContaining([
        { actorUserId: admin!.id, targetType: 'user', targetId: agent.id, metadata: { role: 'agent' } },
        { actorUserId: admin!.id, targetType: 'user', targetId: otherAdmin!.id, metadata: { role: 'admin' } },
      ]),
    );
    expect(events).toHaveLength(2);
  });

  it('an admin cannot remove an owner', async () => {
    const team = await createWorkspaceWithMembers(db, { admins: 1 });
    await expect(
      removeMember(db, {
        workspaceId: team.workspaceId,
        actorUserId: team.admins[0]!.id,
        memberUserId: team.owner.id,
      }),
    ).rejects.toMatchObject({ code: 'forbidden', status: 403, message: 'Only owners can remove an owner.' });
    expect(await memberIds(team.workspaceId, team.owner.id)).toContain(team.owner.id);
  });

  it('an owner can remove another owner', async () => {
    const team = await createWorkspaceWithMembers(db, { extraOwners: 1 });
    const coOwner = team.extraOwners[0]!;
    await removeMember(db, {
      workspaceId: team.workspaceId,
      actorUserId: team.owner.id,
      memberUserId: coOwner.id,
    });
    expect(await memberIds(team.workspaceId, team.owner.id)).toEqual([team.owner.id]);
  });

  it('agents cannot remove anyone', async () => {
    const team = await createWorkspaceWithMembers(db, { agents: 2 });
    await expect(
      removeMember(db, {
        workspaceId: team.workspaceId,
        actorUserId: team.agents[0]!.id,
        memberUserId: team.agents[1]!.id,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('nobody removes themselves here: they leave instead', async () => {
    const team = await createWorkspaceWithMembers(db, { admins: 1 });
    for (const user of [team.owner, team.admins[0]!]) {
      await expect(
        removeMember(db, { workspaceId: team.workspaceId, actorUserId: user.id, memberUserId: user.id }),
      ).rejects.toMatchObject({
        code: 'bad_request',
        status: 400,
        message: 'To remove yourself, leave the workspace instead.',
      });
    }
    expect(await memberIds(team.workspaceId, team.owner.id)).toHaveLength(2);
  });

  it('answers not found for someone outside the workspace', async () => {
    const team = await createWorkspaceWithMembers(db);
    const outsider = await createTestUser(db);
    await expect(
      removeMember(db, {
        workspaceId: team.workspaceId,
        actorUserId: team.owner.id,
        memberUserId: outsider.id,
      }),
    ).rejects.toMatchObject({ code: 'not_found', message: 'That person is not a member of this workspace.' });
  });

  it('two owners removing each other at the same moment never leave the workspace ownerless', async () => {
    for (let round = 0; round < 5; round++) {
      const team = await createWorkspaceWithMembers(db, { extraOwners: 1 });
      const [a, b] = [team.owner.id, team.extraOwners[0]!.id];

      await Promise.allSettled([
        removeMember(db, { workspaceId: team.workspaceId, actorUserId: a, memberUserId: b }),
        removeMember(db, { workspaceId: team.workspaceId, actorUserId: b, memberUserId: a }),
      ]);

      expect(await countOwners(db, team.workspaceId), `round ${round}`).toBe(1);
    }
  });
});
