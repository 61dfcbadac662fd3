import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmEmail } from '@/lib/auth/confirm-email';
import { signUp } from '@/lib/auth/sign-up';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { auditEvents, emailTokens, memberships, users, workspaces } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { listUserWorkspaces } from '@/lib/workspaces/list-user-workspaces';
import { createTestInvitation } from '@/tests/factories/create-invitation';
import { createTestUser, TEST_PASSWORD, uniqueEmail } from '@/tests/factories/create-user';
import { emailsTo, linkIn } from '@/tests/helpers/outbox';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

async function tableCounts(db: Db) {
  const [[u], [w], [m]] = await Promise.all([
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(workspaces),
    db.select({ n: count() }).from(memberships),
  ]);
  return { users: u?.n, workspaces: w?.n, memberships: m?.n };
}

const CONFIRM_SUBJECT = 'Confirm your e-mail address for Tokdesk';
const EXISTS_SUBJECT = 'You already have a Tokdesk account';

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

  it('creates an unconfirmed user with their own workspace and e-mails a confirmation link', async () => {
    const email = uniqueEmail('Mixed.Case');
    const result = await signUp(db, {
      name: '  Ada Lovelace ',
      email: `  ${email.toUpperCase()} `,
      password: TEST_PASSWORD,
      workspaceName: 'Analytical Engines',
      ip: '203.0.113.7',
    });

    if (result.outcome !== 'created') throw new Error('expected a new account');
    const [stored] = await db.select().from(users).where(eq(users.id, result.userId));
    expect(stored).toMatchObject({ email: email.toLowerCase(), name: 'Ada Lovelace', emailVerified: null });
    expect(stored?.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await listUserWorkspaces(db, result.userId)).toEqual([
      { id: result.workspaceId, name: 'Analytical Engines', role: 'owner' },
    ]);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.actorUserId, result.userId));
    expect(events.map((event) => event.action).sort()).toEqual(['user.signed_up', 'workspace.created']);

    const [mail] = await emailsTo(db, email.toLowerCase());
    expect(mail?.subject).toBe(CONFIRM_SUBJECT);
    const { url, token } = linkIn(mail?.text ?? '', '/verify-email');
    expect(url.origin).toBe('http://localhost:3000');
    // Only the hash of the link's secret is stored.
    const [row] = await db.select().from(emailTokens).where(eq(emailTokens.userId, result.userId));
    expect(row?.tokenHash).not.toContain(token);
    expect(row?.purpose).toBe('verify_email');
  });

  it('does not let the new account sign in until the address is confirmed', async () => {
    const email = uniqueEmail('unconfirmed');
    await signUp(db, { name: 'Una', email, password: TEST_PASSWORD });
    await expect(verifyCredentials(db, { email, password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'email_unverified',
      message: `Confirm your e-mail address first: we sent a link to ${email}.`,
    });

    const { token } = linkIn((await emailsTo(db, email))[0]?.text ?? '', '/verify-email');
    await expect(confirmEmail(db, { token })).resolves.toEqual({ email });
    await expect(verifyCredentials(db, { email, password: TEST_PASSWORD })).resolves.toMatchObject({ email });
    // Single use.
    await expect(confirmEmail(db, { token })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses an expired confirmation link', async () => {
    const email = uniqueEmail('late');
    await signUp(db, { name: 'Late', email, password: TEST_PASSWORD });
    const { token } = linkIn((await emailsTo(db, email))[0]?.text ?? '', '/verify-email');
    await db
      .update(emailTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(emailTokens.email, email));
    await expect(confirmEmail(db, { token })).rejects.toMatchObject({
      code: 'not_found',
      message: 'This confirmation link has expired or was already used. Sign in to get a new one.',
    });
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user?.emailVerified).toBeNull();
  });

  it('names the workspace after the user when no name is given', async () => {
    const user = await createTestUser(db, { name: 'Grace' });
    const [workspace] = await listUserWorkspaces(db, user.id);
    expect(workspace?.name).toBe('Grace’s workspace');
  });

  it('for an address that has an account changes nothing and e-mails its owner instead', async () => {
    const existing = await createTestUser(db);
    const [before] = await db.select().from(users).where(eq(users.id, existing.id));
    const counts = await tableCounts(db);

    const result = await signUp(db, {
      name: 'Impostor',
      email: existing.email.toUpperCase(),
      password: 'another password',
      workspaceName: 'Should not exist',
    });

    expect(result).toEqual({ outcome: 'exists' });
    expect(await tableCounts(db)).toEqual(counts);
    const [after] = await db.select().from(users).where(eq(users.id, existing.id));
    expect(after).toEqual(before);
    // Newest first: the owner's own confirmation from when the factory signed them up is older.
    const mails = await emailsTo(db, existing.email);
    expect(mails.map((mail) => mail.subject)).toEqual([EXISTS_SUBJECT, CONFIRM_SUBJECT]);
    expect(linkIn(mails[0]?.text ?? '', '/reset-password').token.length).toBeGreaterThan(20);
  });

  // Several rounds, because the interleaving on a pooled Postgres is timing-dependent.
  it('of two simultaneous sign-ups with one e-mail, one creates the account and the other is told by e-mail', async () => {
    for (let round = 0; round < 5; round++) {
      const email = uniqueEmail('race');
      const attempt = (name: string) => signUp(db, { name, email, password: TEST_PASSWORD });

      const results = await Promise.all([attempt('First'), attempt('Second')]);

      expect(results.map((result) => result.outcome).sort(), `round ${round}`).toEqual(['created', 'exists']);
      expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
      expect((await emailsTo(db, email)).map((mail) => mail.subject).sort()).toEqual([
        CONFIRM_SUBJECT,
        EXISTS_SUBJECT,
      ]);
    }
  });

  it('through an invitation creates no workspace and sends the confirmation on to the invitation', async () => {
    const owner = await createTestUser(db);
    const email = uniqueEmail('invitee');
    const invitation = await createTestInvitation(db, {
      workspaceId: owner.workspaceId,
      actorUserId: owner.id,
      email,
      role: 'admin',
    });
    const workspacesBefore = (await tableCounts(db)).workspaces;

    const result = await signUp(db, {
      name: 'Invited',
      email,
      password: TEST_PASSWORD,
      workspaceName: 'Ignored when invited',
      invitationToken: invitation.token,
    });

    if (result.outcome !== 'created') throw new Error('expected a new account');
    expect(result.workspaceId).toBeNull();
    expect((await tableCounts(db)).workspaces).toBe(workspacesBefore);
    // Joining waits for the confirmed address: a leaked link alone must not be enough.
    expect(await listUserWorkspaces(db, result.userId)).toEqual([]);
    const [mail] = await emailsTo(db, email, CONFIRM_SUBJECT);
    expect(linkIn(mail?.text ?? '', '/verify-email').url.searchParams.get('next')).toBe(
      `/invite/${invitation.token}`,
    );
  });
});
