import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, invitations } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { acceptInvitation } from '@/lib/invitations/accept-invitation';
import { createInvitation } from '@/lib/invitations/create-invitation';
import { listInvitations } from '@/lib/invitations/list-invitations';
import { createTestInvitation, TEST_APP_URL } from '@/tests/factories/create-invitation';
import { createTestUser, uniqueEmail } from '@/tests/factories/create-user';
import { createWorkspaceWithMembers } from '@/tests/factories/create-workspace-with-members';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

describe.each(TEST_DB_KINDS)('createInvitation on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('gives the owner a link whose secret is stored only as a hash', async () => {
    const owner = await createTestUser(db);
    const email = uniqueEmail('Invitee');

    const invitation = await createInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
      email: `  ${email.toUpperCase()} `,
      role: 'agent',
      appUrl: TEST_APP_URL,
      ip: '192.0.2.1',
    });

    expect(invitation).toMatchObject({ email: email.toLowerCase(), role: 'agent' });
    expect(invitation.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 60 * 60 * 1000);
    expect(invitation.link).toMatch(new RegExp(`^${TEST_APP_URL}/invite/[A-Za-z0-9_-]{43}$`));
    const token = invitation.link.split('/invite/')[1] ?? '';

    const [row] = await db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(row?.tokenHash).toBeTruthy();
    expect(row?.tokenHash).not.toBe(token);
    expect(Object.values(row ?? {}).map(String)).not.toContain(token);

    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, owner.workspaceId), eq(auditEvents.action, 'invitation.sent')));
    expect(event).toMatchObject({
      actorUserId: owner.id,
      targetType: 'invitation',
      targetId: invitation.id,
      metadata: { email: email.toLowerCase(), role: 'agent' },
    });
    expect(JSON.stringify(event?.metadata)).not.toContain(token);
  });

  it('lets an admin invite', async () => {
    const team = await createWorkspaceWithMembers(db, { admins: 1 });
    const admin = team.admins[0]!;
    const invitation = await createTestInvitation(db, {
      workspaceId: team.workspaceId,
      actorUserId: admin.id,
      role: 'admin',
    });
    expect(invitation.role).toBe('admin');
  });

  it('refuses agents', async () => {
    const team = await createWorkspaceWithMembers(db, { agents: 1 });
    await expect(
      createTestInvitation(db, { workspaceId: team.workspaceId, actorUserId: team.agents[0]!.id }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      status: 403,
      message: 'Only owners and admins can do that.',
    });
  });

  it('refuses to invite someone who is already a member, in any case', async () => {
    const team = await createWorkspaceWithMembers(db, { agents: 1 });
    const agent = team.agents[0]!;
    await expect(
      createTestInvitation(db, {
        workspaceId: team.workspaceId,
        actorUserId: team.owner.id,
        email: agent.email.toUpperCase(),
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: `${agent.email} is already a member of this workspace.`,
    });
  });

  it('invites someone who has an account elsewhere', async () => {
    const owner = await createTestUser(db);
    const outsider = await createTestUser(db);
    const invitation = await createTestInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
      email: outsider.email,
    });
    expect(invitation.email).toBe(outsider.email);
  });

  it('re-inviting the same e-mail withdraws the older link', async () => {
    const owner = await createTestUser(db);
    const invitee = await createTestUser(db);
    const first = await createTestInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
      email: invitee.email,
    });
    const second = await createTestInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
      email: invitee.email.toUpperCase(),
      role: 'admin',
    });

    const pending = await listInvitations(db, { workspaceId: owner.workspaceId, userId: owner.id });
    expect(pending.map((invitation) => invitation.id)).toEqual([second.id]);

    await expect(acceptInvitation(db, { token: first.token, userId: invitee.id })).rejects.toMatchObject({
      code: 'conflict',
      message: 'This invitation was withdrawn. Ask for a new one.',
    });
    await expect(acceptInvitation(db, { token: second.token, userId: invitee.id })).resolves.toMatchObject({
      workspaceId: owner.workspaceId,
      role: 'admin',
    });
  });

  it('does not withdraw invitations of the same e-mail to other workspaces', async () => {
    const ownerA = await createTestUser(db);
    const ownerB = await createTestUser(db);
    const invitee = await createTestUser(db);
    const toA = await createTestInvitation(db, {
      workspaceId: ownerA.workspaceId,
      actorUserId: ownerA.id,
      email: invitee.email,
    });
    await createTestInvitation(db, {
      workspaceId: ownerB.workspaceId,
      actorUserId: ownerB.id,
      email: invitee.email,
    });

    await expect(acceptInvitation(db, { token: toA.token, userId: invitee.id })).resolves.toMatchObject({
      workspaceId: ownerA.workspaceId,
    });
  });
});
