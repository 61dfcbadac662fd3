import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, invitations } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { acceptInvitation } from '@/lib/invitations/accept-invitation';
import { findInvitationByToken } from '@/lib/invitations/find-invitation-by-token';
import { listInvitations } from '@/lib/invitations/list-invitations';
import { revokeInvitation } from '@/lib/invitations/revoke-invitation';
import { createTestInvitation } from '@/tests/factories/create-invitation';
import { createTestUser } from '@/tests/factories/create-user';
import { createWorkspaceWithMembers } from '@/tests/factories/create-workspace-with-members';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

describe.each(TEST_DB_KINDS)('revoking and listing invitations on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('a revoked link no longer works and leaves the pending list', async () => {
    const team = await createWorkspaceWithMembers(db, { admins: 1 });
    const invitee = await createTestUser(db);
    const invitation = await createTestInvitation(db, {
      workspaceId: team.workspaceId,
      actorUserId: team.owner.id,
      email: invitee.email,
    });

    await revokeInvitation(db, {
      workspaceId: team.workspaceId,
      actorUserId: team.admins[0]!.id,
      invitationId: invitation.id,
    });

    await expect(acceptInvitation(db, { token: invitation.token, userId: invitee.id })).rejects.toMatchObject(
      {
        code: 'conflict',
        message: 'This invitation was withdrawn. Ask for a new one.',
      },
    );
    expect(await listInvitations(db, { workspaceId: team.workspaceId, userId: team.owner.id })).toEqual([]);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.workspaceId, team.workspaceId), eq(auditEvents.action, 'invitation.revoked')),
      );
    expect(event).toMatchObject({
      actorUserId: team.admins[0]!.id,
      targetId: invitation.id,
      metadata: { email: invitee.email },
    });
  });

  it('revoking twice, or revoking an accepted invitation, answers not found', async () => {
    const owner = await createTestUser(db);
    const revoked = await createTestInvitation(db, { workspaceId: owner.workspaceId, actorUserId: owner.id });
    await revokeInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
      invitationId: revoked.id,
    });
    const invitee = await createTestUser(db);
    const accepted = await createTestInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
      email: invitee.email,
    });
    await acceptInvitation(db, { token: accepted.token, userId: invitee.id });

    for (const invitationId of [revoked.id, accepted.id]) {
      await expect(
        revokeInvitation(db, { workspaceId: owner.workspaceId, actorUserId: owner.id, invitationId }),
      ).rejects.toMatchObject({ code: 'not_found', message: 'That invitation is not pending.' });
    }
    expect((await findInvitationByToken(db, accepted.token))?.status).toBe('accepted');
  });

  it("answers not found for another workspace's invitation and leaves it pending", async () => {
    const ownerA = await createTestUser(db);
    const ownerB = await createTestUser(db);
    const invitationB = await createTestInvitation(db, {
      workspaceId: ownerB.workspaceId,
      actorUserId: ownerB.id,
    });

    await expect(
      revokeInvitation(db, {
        workspaceId: ownerA.workspaceId,
        actorUserId: ownerA.id,
        invitationId: invitationB.id,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect((await findInvitationByToken(db, invitationB.token))?.status).toBe('pending');
  });

  it('agents may neither revoke nor list invitations', async () => {
    const team = await createWorkspaceWithMembers(db, { agents: 1 });
    const agent = team.agents[0]!;
    const invitation = await createTestInvitation(db, {
      workspaceId: team.workspaceId,
      actorUserId: team.owner.id,
    });

    await expect(
      revokeInvitation(db, {
        workspaceId: team.workspaceId,
        actorUserId: agent.id,
        invitationId: invitation.id,
      }),
    ).rejects.toMatchObject({ code: 'forbidden', message: 'Only owners and admins can do that.' });
    await expect(
      listInvitations(db, { workspaceId: team.workspaceId, userId: agent.id }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect((await findInvitationByToken(db, invitation.token))?.status).toBe('pending');
  });

  it('lists only pending invitations of the workspace, newest first, with who sent them', async () => {
    const owner = await createTestUser(db, { name: 'Olga Owner' });
    const other = await createTestUser(db);
    await createTestInvitation(db, { workspaceId: other.workspaceId, actorUserId: other.id });

    const accepter = await createTestUser(db);
    const accepted = await createTestInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
      email: accepter.email,
    });
    await acceptInvitation(db, { token: accepted.token, userId: accepter.id });
    const revoked = await createTestInvitation(db, { workspaceId: owner.workspaceId, actorUserId: owner.id });
    await revokeInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
      invitationId: revoked.id,
    });
    const expired = await createTestInvitation(db, { workspaceId: owner.workspaceId, actorUserId: owner.id });
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, expired.id));
    const older = await createTestInvitation(db, { workspaceId: owner.workspaceId, actorUserId: owner.id });
    const newer = await createTestInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
      role: 'admin',
    });

    const pending = await listInvitations(db, { workspaceId: owner.workspaceId, userId: owner.id });

    expect(pending).toEqual([
      expect.objectContaining({
        id: newer.id,
        email: newer.email,
        role: 'admin',
        invitedByName: 'Olga Owner',
      }),
      expect.objectContaining({
        id: older.id,
        email: older.email,
        role: 'agent',
        invitedByName: 'Olga Owner',
      }),
    ]);
    for (const invitation of pending) expect(invitation).not.toHaveProperty('tokenHash');
  });
});
