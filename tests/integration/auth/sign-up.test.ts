import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '@/lib/auth/sign-up';
import { auditEvents, invitations, memberships, users, workspaces } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { revokeInvitation } from '@/lib/invitations/revoke-invitation';
import { listUserWorkspaces } from '@/lib/workspaces/list-user-workspaces';
import { createTestInvitation } from '@/tests/factories/create-invitation';
import { createTestUser, TEST_PASSWORD, uniqueEmail } from '@/tests/factories/create-user';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

async function tableCounts(db: Db) {
  const [[u], [w], [m], [a]] = await Promise.all([
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(workspaces),
    db.select({ n: count() }).from(memberships),
    db.select({ n: count() }).from(auditEvents),
  ]);
  return { users: u?.n, workspaces: w?.n, memberships: m?.n, auditEvents: a?.n };
}

async function userExists(db: Db, email: string) {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return rows.length > 0;
}

describe.each(TEST_DB_KINDS)('signUp on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('creates a user with a lower-cased e-mail, their own workspace and an owner membership', async () => {
    const email = uniqueEmail('Mixed.Case');
    const { user, workspaceId } = await signUp(db, {
      name: '  Ada Lovelace ',
      email: `  ${email.toUpperCase()} `,
      password: TEST_PASSWORD,
      workspaceName: 'Analytical Engines',
      ip: '203.0.113.7',
    });

    expect(user).toMatchObject({ email: email.toLowerCase(), name: 'Ada Lovelace' });
    const [stored] = await db.select().from(users).where(eq(users.id, user.id));
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(stored?.passwordHash).not.toContain(TEST_PASSWORD);

    expect(await listUserWorkspaces(db, user.id)).toEqual([
      { id: workspaceId, name: 'Analytical Engines', role: 'owner' },
    ]);

    const events = await db.select().from(auditEvents).where(eq(auditEvents.workspaceId, workspaceId));
    expect(events.map((event) => event.action).sort()).toEqual(['user.signed_up', 'workspace.created']);
    for (const event of events) {
      expect(event).toMatchObject({ actorUserId: user.id, ip: '203.0.113.7' });
    }
    expect(events.find((event) => event.action === 'workspace.created')).toMatchObject({
      targetType: 'workspace',
      targetId: workspaceId,
      metadata: { name: 'Analytical Engines' },
    });
  });

  it('names the workspace after the user when no name is given', async () => {
    const user = await createTestUser(db, { name: 'Grace' });
    const [workspace] = await listUserWorkspaces(db, user.id);
    expect(workspace?.name).toBe('Grace’s workspace');
  });

  it('refuses an e-mail that already has an account, in any case, and creates nothing', async () => {
    const existing = await createTestUser(db);
    const before = await tableCounts(db);

    const attempt = signUp(db, {
      name: 'Impostor',
      email: existing.email.toUpperCase(),
      password: 'another password',
      workspaceName: 'Should not exist',
    });
    await expect(attempt).rejects.toMatchObject({
      name: 'AppError',
      code: 'conflict',
      status: 409,
      message: 'An account with this e-mail already exists. Sign in instead.',
      fieldErrors: { email: ['An account with this e-mail already exists.'] },
    });
    expect(await tableCounts(db)).toEqual(before);
  });

  // The existence check and the insert are not atomic: the loser of a race hits the unique index.
  // Several rounds, because the interleaving on a pooled Postgres is timing-dependent.
  it('of two simultaneous sign-ups with one e-mail, one succeeds and the other gets a conflict', async () => {
    for (let round = 0; round < 10; round++) {
      const email = uniqueEmail('race');
      const attempt = (name: string) => signUp(db, { name, email, password: TEST_PASSWORD });

      const results = await Promise.allSettled([attempt('First'), attempt('Second')]);

      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((result) => result.status === 'rejected');
      expect(rejected?.reason, `round ${round}`).toMatchObject({ name: 'AppError', code: 'conflict' });
      expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
    }
  });

  it('joins the inviting workspace with the invited role and creates no workspace of its own', async () => {
    const owner = await createTestUser(db);
    const email = uniqueEmail('invitee');
    const invitation = await createTestInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
      email,
      role: 'admin',
    });
    const workspacesBefore = (await tableCounts(db)).workspaces;

    const { user, workspaceId } = await signUp(db, {
      name: 'Invited',
      email: email.toUpperCase(),
      password: TEST_PASSWORD,
      workspaceName: 'Ignored when invited',
      invitationToken: invitation.token,
    });

    expect(workspaceId).toBe(owner.workspaceId);
    expect(await listUserWorkspaces(db, user.id)).toEqual([
      { id: owner.workspaceId, name: expect.any(String), role: 'admin' },
    ]);
    expect((await tableCounts(db)).workspaces).toBe(workspacesBefore);

    const [row] = await db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(row).toMatchObject({ acceptedBy: user.id, acceptedAt: expect.any(Date) });

    const actions = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, owner.workspaceId), eq(auditEvents.actorUserId, user.id)));
    expect(actions.map((event) => event.action).sort()).toEqual(['invitation.accepted', 'user.signed_up']);
  });

  it('refuses an invitation meant for another address and leaves no user behind', async () => {
    const owner = await createTestUser(db);
    const invitation = await createTestInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
    });
    const email = uniqueEmail('someone-else');

    await expect(
      signUp(db, { name: 'X', email, password: TEST_PASSWORD, invitationToken: invitation.token }),
    ).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining(invitation.email) });
    expect(await userExists(db, email)).toBe(false);
  });

  it('refuses an unknown invitation token and leaves no user behind', async () => {
    const email = uniqueEmail();
    await expect(
      signUp(db, { name: 'X', email, password: TEST_PASSWORD, invitationToken: 'not-a-real-token' }),
    ).rejects.toMatchObject({ code: 'not_found', message: 'This invitation link is not valid.' });
    expect(await userExists(db, email)).toBe(false);
  });

  const unusable = [
    {
      state: 'expired',
      message: 'This invitation has expired. Ask for a new one.',
      spoil: async (database: Db, invitation: { id: string }) => {
        await database
          .update(invitations)
          .set({ expiresAt: new Date(Date.now() - 60_000) })
          .where(eq(invitations.id, invitation.id));
      },
    },
    {
      state: 'revoked',
      message: 'This invitation was withdrawn. Ask for a new one.',
      spoil: async (database: Db, invitation: { id: string; workspaceId: string; actorUserId: string }) => {
        await revokeInvitation(database, {
          workspaceId: invitation.workspaceId,
          actorUserId: invitation.actorUserId,
          invitationId: invitation.id,
        });
      },
    },
    {
      state: 'used',
      message: 'This invitation has already been used.',
      spoil: async (database: Db, invitation: { token: string; email: string }) => {
        await createTestUser(database, { email: invitation.email, invitationToken: invitation.token });
      },
    },
  ] as const;

  it.each(unusable)(
    'refuses a $state invitation and leaves no user behind',
    async ({ state, message, spoil }) => {
      const owner = await createTestUser(db);
      const email = uniqueEmail(`${state}-invitee`);
      const invitation = await createTestInvitation(db, {
        workspaceId: owner.workspaceId,
        actorUserId: owner.id,
        email,
      });
      await spoil(db, { ...invitation, workspaceId: owner.workspaceId, actorUserId: owner.id });
      const signUpEmail = state === 'used' ? uniqueEmail('late') : email;
      const usersBefore = (await tableCounts(db)).users;

      await expect(
        signUp(db, {
          name: 'Late',
          email: signUpEmail,
          password: TEST_PASSWORD,
          invitationToken: invitation.token,
        }),
      ).rejects.toMatchObject({ code: 'conflict', message });
      expect(await userExists(db, signUpEmail)).toBe(false);
      expect((await tableCounts(db)).users).toBe(usersBefore);
    },
  );
});
