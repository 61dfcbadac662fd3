import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, invitations, memberships, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { acceptInvitation } from '@/lib/invitations/accept-invitation';
import { findInvitationByToken } from '@/lib/invitations/find-invitation-by-token';
import { listUserWorkspaces } from '@/lib/workspaces/list-user-workspaces';
import { createTestInvitation } from '@/tests/factories/create-invitation';
import { createTestUser, type TestUser } from '@/tests/factories/create-user';
import { emailsTo, linkIn } from '@/tests/helpers/outbox';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

describe.each(TEST_DB_KINDS)('acceptInvitation on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  async function inviteExistingUser(role: 'admin' | 'agent' = 'agent') {
    const owner = await createTestUser(db, { workspaceName: 'Inviting team' });
    const invitee = await createTestUser(db);
    const invitation = await createTestInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
      email: invitee.email,
      role,
    });
    return { owner, invitee, invitation };
  }

  async function membershipsOf(user: TestUser, workspaceId: string) {
    return db
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, user.id)));
  }

  it('adds a signed-in user to the workspace with the invited role, keeping their own', async () => {
    const { owner, invitee, invitation } = await inviteExistingUser('admin');

    const result = await acceptInvitation(db, {
      token: invitation.token,
      userId: invitee.id,
      ip: '192.0.2.9',
    });

    expect(result).toEqual({ workspaceId: owner.workspaceId, workspaceName: 'Inviting team', role: 'admin' });
    const workspaces = await listUserWorkspaces(db, invitee.id);
    expect(workspaces.map(({ id, role }) => ({ id, role }))).toEqual([
      { id: invitee.workspaceId, role: 'owner' },
      { id: owner.workspaceId, role: 'admin' },
    ]);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.workspaceId, owner.workspaceId), eq(auditEvents.action, 'invitation.accepted')),
      );
    expect(event).toMatchObject({
      actorUserId: invitee.id,
      targetId: invitation.id,
      metadata: { email: invitee.email, role: 'admin' },
      ip: '192.0.2.9',
    });
    expect((await findInvitationByToken(db, invitation.token))?.status).toBe('accepted');
  });

  it('refuses a user signed in with another e-mail', async () => {
    const { owner, invitation } = await inviteExistingUser();
    const stranger = await createTestUser(db);

    await expect(
      acceptInvitation(db, { token: invitation.token, userId: stranger.id }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: `This invitation is for ${invitation.email}. Sign in with that address to accept it.`,
    });
    expect(await membershipsOf(stranger, owner.workspaceId)).toHaveLength(0);
    expect((await findInvitationByToken(db, invitation.token))?.status).toBe('pending');
  });

  it('refuses an invited address that is not confirmed: holding the link proves nothing', async () => {
    const owner = await createTestUser(db, { workspaceName: 'Inviting team' });
    const fresh = await createTestUser(db, { verified: false });
    const second = await createTestInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
      email: fresh.email,
    });

    await expect(acceptInvitation(db, { token: second.token, userId: fresh.id })).rejects.toMatchObject({
      code: 'email_unverified',
      status: 403,
      message: expect.stringContaining(`Confirm ${fresh.email} first`),
    });
    expect(await membershipsOf(fresh, owner.workspaceId)).toHaveLength(0);
    expect((await findInvitationByToken(db, second.token))?.status).toBe('pending');

    await db.update(users).set({ emailVerified: new Date() }).where(eq(users.id, fresh.id));
    await expect(acceptInvitation(db, { token: second.token, userId: fresh.id })).resolves.toMatchObject({
      workspaceId: owner.workspaceId,
    });
  });

  it('e-mails the invitation link to the invitee', async () => {
    const { invitation } = await inviteExistingUser();
    const [mail] = await emailsTo(db, invitation.email);
    expect(invitation.emailed).toBe(true);
    expect(mail?.subject).toBe('Test User invited you to Inviting team on Tokdesk');
    expect(linkIn(mail?.text ?? '', `/invite/${invitation.token}`).url.href).toBe(invitation.link);
  });

  it('refuses a second accept', async () => {
    const { invitee, invitation } = await inviteExistingUser();
    await acceptInvitation(db, { token: invitation.token, userId: invitee.id });

    await expect(acceptInvitation(db, { token: invitation.token, userId: invitee.id })).rejects.toMatchObject(
      {
        code: 'conflict',
        status: 409,
        message: 'This invitation has already been used.',
      },
    );
  });

  it('refuses an expired invitation', async () => {
    const { owner, invitee, invitation } = await inviteExistingUser();
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, invitation.id));

    await expect(acceptInvitation(db, { token: invitation.token, userId: invitee.id })).rejects.toMatchObject(
      {
        code: 'conflict',
        message: expect.stringMatching(/expired/),
      },
    );
    expect(await membershipsOf(invitee, owner.workspaceId)).toHaveLength(0);
  });

  it('answers not found for an unknown or oversized token', async () => {
    const invitee = await createTestUser(db);
    for (const token of ['no-such-token', 'x'.repeat(500), '']) {
      await expect(acceptInvitation(db, { token, userId: invitee.id })).rejects.toMatchObject({
        code: 'not_found',
        message: 'This invitation link is not valid.',
      });
    }
  });

  it('lets exactly one of two simultaneous accepts through', async () => {
    const { owner, invitee, invitation } = await inviteExistingUser();

    const results = await Promise.allSettled([
      acceptInvitation(db, { token: invitation.token, userId: invitee.id }),
      acceptInvitation(db, { token: invitation.token, userId: invitee.id }),
    ]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ code: 'conflict' });
    expect(await membershipsOf(invitee, owner.workspaceId)).toHaveLength(1);
    const accepted = await db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.workspaceId, owner.workspaceId), eq(auditEvents.action, 'invitation.accepted')),
      );
    expect(accepted).toHaveLength(1);
  });
});
