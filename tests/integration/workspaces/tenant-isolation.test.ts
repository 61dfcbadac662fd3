import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireMembership } from '@/lib/access/require-membership';
import type { Db } from '@/lib/db/types';
import { createInvitation } from '@/lib/invitations/create-invitation';
import { listInvitations } from '@/lib/invitations/list-invitations';
import { revokeInvitation } from '@/lib/invitations/revoke-invitation';
import { changeMemberRole } from '@/lib/workspaces/change-member-role';
import { leaveWorkspace } from '@/lib/workspaces/leave-workspace';
import { listAuditEvents } from '@/lib/workspaces/list-audit-events';
import { listMembers } from '@/lib/workspaces/list-members';
import { removeMember } from '@/lib/workspaces/remove-member';
import { createTestInvitation, TEST_APP_URL } from '@/tests/factories/create-invitation';
import { uniqueEmail } from '@/tests/factories/create-user';
import {
  createWorkspaceWithMembers,
  type WorkspaceWithMembers,
} from '@/tests/factories/create-workspace-with-members';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

const NOT_A_MEMBER = 'This workspace does not exist or you are not a member of it.';

describe.each(TEST_DB_KINDS)('tenant isolation on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  let teamA: WorkspaceWithMembers;
  let teamB: WorkspaceWithMembers;
  let invitationB: { id: string; email: string };

  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
    teamA = await createWorkspaceWithMembers(db, { admins: 1, agents: 1 });
    teamB = await createWorkspaceWithMembers(db, { admins: 1, agents: 1 });
    await createTestInvitation(db, { workspaceId: teamA.workspaceId, actorUserId: teamA.owner.id });
    invitationB = await createTestInvitation(db, {
      workspaceId: teamB.workspaceId,
      actorUserId: teamB.owner.id,
    });
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('every use case answers not found for a workspace the caller is not in', async () => {
    const me = teamA.owner.id;
    const other = teamB.workspaceId;
    const agentB = teamB.agents[0]!.id;
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['requireMembership', () => requireMembership(db, { workspaceId: other, userId: me })],
      ['listMembers', () => listMembers(db, { workspaceId: other, userId: me })],
      ['listAuditEvents', () => listAuditEvents(db, { workspaceId: other, userId: me })],
      ['listInvitations', () => listInvitations(db, { workspaceId: other, userId: me })],
      [
        'createInvitation',
        () =>
          createInvitation(db, {
            workspaceId: other,
            actorUserId: me,
            email: uniqueEmail(),
            role: 'agent',
            appUrl: TEST_APP_URL,
          }),
      ],
      [
        'revokeInvitation',
        () => revokeInvitation(db, { workspaceId: other, actorUserId: me, invitationId: invitationB.id }),
      ],
      [
        'changeMemberRole',
        () =>
          changeMemberRole(db, { workspaceId: other, actorUserId: me, memberUserId: agentB, role: 'admin' }),
      ],
      ['removeMember', () => removeMember(db, { workspaceId: other, actorUserId: me, memberUserId: agentB })],
      ['leaveWorkspace', () => leaveWorkspace(db, { workspaceId: other, userId: me })],
    ];
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toMatchObject({
        code: 'not_found',
        status: 404,
        message: NOT_A_MEMBER,
      });
    }
    // Nothing in B changed.
    const membersB = await listMembers(db, { workspaceId: teamB.workspaceId, userId: teamB.owner.id });
    expect(membersB.find((member) => member.userId === agentB)?.role).toBe('agent');
    expect(
      await listInvitations(db, { workspaceId: teamB.workspaceId, userId: teamB.owner.id }),
    ).toHaveLength(1);
  });

  it('a nonexistent workspace id reads the same as a foreign one', async () => {
    await expect(
      listMembers(db, { workspaceId: 'does-not-exist', userId: teamA.owner.id }),
    ).rejects.toMatchObject({ code: 'not_found', message: NOT_A_MEMBER });
  });

  it("members of A cannot act on B's members through A", async () => {
    const agentB = teamB.agents[0]!.id;
    const base = { workspaceId: teamA.workspaceId, actorUserId: teamA.owner.id, memberUserId: agentB };
    await expect(changeMemberRole(db, { ...base, role: 'admin' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(removeMember(db, base)).rejects.toMatchObject({ code: 'not_found' });
  });

  it("lists never contain another workspace's rows", async () => {
    const idsOf = (team: WorkspaceWithMembers) =>
      new Set([team.owner, ...team.admins, ...team.agents].map((user) => user.id));
    const membersA = await listMembers(db, { workspaceId: teamA.workspaceId, userId: teamA.agents[0]!.id });
    expect(new Set(membersA.map((member) => member.userId))).toEqual(idsOf(teamA));

    const invitationsA = await listInvitations(db, {
      workspaceId: teamA.workspaceId,
      userId: teamA.admins[0]!.id,
    });
    expect(invitationsA).toHaveLength(1);
    expect(invitationsA.map((invitation) => invitation.id)).not.toContain(invitationB.id);

    const eventsA = await listAuditEvents(db, { workspaceId: teamA.workspaceId, userId: teamA.owner.id });
    const actorsB = [teamB.owner, ...teamB.admins, ...teamB.agents].map((user) => user.email);
    expect(eventsA.length).toBeGreaterThan(0);
    for (const event of eventsA) {
      expect(actorsB).not.toContain(event.actorEmail);
      expect(event.targetLabel).not.toBe(invitationB.email);
    }
  });

  it('agents cannot read the audit log or the invitations', async () => {
    const agentA = teamA.agents[0]!.id;
    await expect(
      listAuditEvents(db, { workspaceId: teamA.workspaceId, userId: agentA }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      status: 403,
      message: 'Only owners and admins can do that.',
    });
    await expect(
      listInvitations(db, { workspaceId: teamA.workspaceId, userId: agentA }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
