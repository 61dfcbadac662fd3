import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { changeMemberRole } from '@/lib/workspaces/change-member-role';
import { countOwners } from '@/lib/workspaces/count-owners';
import { listMembers } from '@/lib/workspaces/list-members';
import { createTestUser } from '@/tests/factories/create-user';
import { createWorkspaceWithMembers } from '@/tests/factories/create-workspace-with-members';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

const OWNERS_ONLY = 'Only owners can change an owner’s role or make someone an owner.';

describe.each(TEST_DB_KINDS)('changeMemberRole on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  async function roleOf(workspaceId: string, viewerId: string, userId: string) {
    const members = await listMembers(db, { workspaceId, userId: viewerId });
    return members.find((member) => member.userId === userId)?.role;
  }

  async function roleChangeEvents(workspaceId: string) {
    return db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, workspaceId), eq(auditEvents.action, 'member.role_changed')));
  }

  it('an owner promotes an agent and the change is audited with from/to', async () => {
    const team = await createWorkspaceWithMembers(db, { agents: 1 });
    const agent = team.agents[0]!;

    const result = await changeMemberRole(db, {
      workspaceId: team.workspaceId,
      actorUserId: team.owner.id,
      memberUserId: agent.id,
      role: 'admin',
      ip: '192.0.2.44',
    });

    expect(result.role).toBe('admin');
    expect(await roleOf(team.workspaceId, team.owner.id, agent.id)).toBe('admin');
    expect(await roleChangeEvents(team.workspaceId)).toEqual([
      expect.objectContaining({
        actorUserId: team.owner.id,
        targetType: 'user',
        targetId: agent.id,
        metadata: { from: 'agent', to: 'admin' },
        ip: '192.0.2.44',
      }),
    ]);
  });

  it('an admin moves members between admin and agent', async () => {
    const team = await createWorkspaceWithMembers(db, { admins: 2, agents: 1 });
    const [admin, otherAdmin] = team.admins;
    const base = { workspaceId: team.workspaceId, actorUserId: admin!.id };

    await changeMemberRole(db, { ...base, memberUserId: team.agents[0]!.id, role: 'admin' });
    await changeMemberRole(db, { ...base, memberUserId: otherAdmin!.id, role: 'agent' });

    expect(await roleOf(team.workspaceId, admin!.id, team.agents[0]!.id)).toBe('admin');
    expect(await roleOf(team.workspaceId, admin!.id, otherAdmin!.id)).toBe('agent');
  });

  it("an admin can neither change an owner's role nor grant ownership", async () => {
    const team = await createWorkspaceWithMembers(db, { admins: 1, agents: 1 });
    const admin = team.admins[0]!;
    const base = { workspaceId: team.workspaceId, actorUserId: admin.id };

    await expect(
      changeMemberRole(db, { ...base, memberUserId: team.owner.id, role: 'agent' }),
    ).rejects.toMatchObject({ code: 'forbidden', status: 403, message: OWNERS_ONLY });
    await expect(
      changeMemberRole(db, { ...base, memberUserId: team.agents[0]!.id, role: 'owner' }),
    ).rejects.toMatchObject({ code: 'forbidden', message: OWNERS_ONLY });
    await expect(
      changeMemberRole(db, { ...base, memberUserId: admin.id, role: 'owner' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });

    expect(await roleOf(team.workspaceId, admin.id, team.owner.id)).toBe('owner');
    expect(await roleOf(team.workspaceId, admin.id, team.agents[0]!.id)).toBe('agent');
    expect(await roleChangeEvents(team.workspaceId)).toEqual([]);
  });

  it('an owner grants ownership and can then hand their own over', async () => {
    const team = await createWorkspaceWithMembers(db, { admins: 1 });
    const admin = team.admins[0]!;

    await changeMemberRole(db, {
      workspaceId: team.workspaceId,
      actorUserId: team.owner.id,
      memberUserId: admin.id,
      role: 'owner',
    });
    await changeMemberRole(db, {
      workspaceId: team.workspaceId,
      actorUserId: team.owner.id,
      memberUserId: team.owner.id,
      role: 'admin',
    });

    expect(await roleOf(team.workspaceId, admin.id, admin.id)).toBe('owner');
    expect(await roleOf(team.workspaceId, admin.id, team.owner.id)).toBe('admin');
    expect(await countOwners(db, team.workspaceId)).toBe(1);
    const events = await roleChangeEvents(team.workspaceId);
    expect(
      events.map((event) => event.metadata).sort((a, b) => String(a.to).localeCompare(String(b.to))),
    ).toEqual([
      { from: 'owner', to: 'admin' },
      { from: 'admin', to: 'owner' },
    ]);
  });

  it('refuses to demote the last owner', async () => {
    const team = await createWorkspaceWithMembers(db);

    await expect(
      changeMemberRole(db, {
        workspaceId: team.workspaceId,
        actorUserId: team.owner.id,
        memberUserId: team.owner.id,
        role: 'admin',
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
      status: 409,
      message: 'A workspace needs at least one owner. Make someone else owner first.',
    });
    expect(await countOwners(db, team.workspaceId)).toBe(1);
  });

  it('setting the current role again changes and logs nothing', async () => {
    const team = await createWorkspaceWithMembers(db, { agents: 1 });
    const result = await changeMemberRole(db, {
      workspaceId: team.workspaceId,
      actorUserId: team.owner.id,
      memberUserId: team.agents[0]!.id,
      role: 'agent',
    });
    expect(result.role).toBe('agent');
    expect(await roleChangeEvents(team.workspaceId)).toEqual([]);
  });

  it('agents cannot change roles', async () => {
    const team = await createWorkspaceWithMembers(db, { agents: 2 });
    await expect(
      changeMemberRole(db, {
        workspaceId: team.workspaceId,
        actorUserId: team.agents[0]!.id,
        memberUserId: team.agents[1]!.id,
        role: 'admin',
      }),
    ).rejects.toMatchObject({ code: 'forbidden', message: 'Only owners and admins can do that.' });
  });

  it('answers not found for someone outside the workspace', async () => {
    const team = await createWorkspaceWithMembers(db);
    const outsider = await createTestUser(db);
    await expect(
      changeMemberRole(db, {
        workspaceId: team.workspaceId,
        actorUserId: team.owner.id,
        memberUserId: outsider.id,
        role: 'admin',
      }),
    ).rejects.toMatchObject({ code: 'not_found', message: 'That person is not a member of this workspace.' });
  });

  it('two owners demoting themselves at the same moment never leave the workspace ownerless', async () => {
    for (let round = 0; round < 5; round++) {
      const team = await createWorkspaceWithMembers(db, { extraOwners: 1 });
      const demote = (userId: string) =>
        changeMemberRole(db, {
          workspaceId: team.workspaceId,
          actorUserId: userId,
          memberUserId: userId,
          role: 'admin',
        });

      const results = await Promise.allSettled([demote(team.owner.id), demote(team.extraOwners[0]!.id)]);

      expect(await countOwners(db, team.workspaceId), `round ${round}`).toBe(1);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    }
  });
});
