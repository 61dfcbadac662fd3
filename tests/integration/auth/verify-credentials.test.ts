import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/auth/password';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { auditEvents, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { createTestUser, uniqueEmail } from '@/tests/factories/create-user';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

const WRONG = 'The e-mail or password is incorrect.';

async function signInEvents(db: Db, userId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, 'user.signed_in')));
}

describe.each(TEST_DB_KINDS)('verifyCredentials on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('returns the user for the right password, whatever the e-mail case, and logs the sign-in', async () => {
    const user = await createTestUser(db, { name: 'Signer' });

    const result = await verifyCredentials(db, {
      email: ` ${user.email.toUpperCase()} `,
      password: user.password,
      ip: '198.51.100.4',
    });

    expect(result).toEqual({ id: user.id, email: user.email, name: 'Signer' });
    const events = await signInEvents(db, user.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ workspaceId: null, ip: '198.51.100.4' });
  });

  it('refuses a wrong password and an unknown e-mail with the same message', async () => {
    const user = await createTestUser(db);

    const wrongPassword = verifyCredentials(db, { email: user.email, password: `${user.password}!` });
    await expect(wrongPassword).rejects.toMatchObject({
      code: 'unauthenticated',
      status: 401,
      message: WRONG,
    });
    const unknown = verifyCredentials(db, { email: uniqueEmail('nobody'), password: user.password });
    await expect(unknown).rejects.toMatchObject({ code: 'unauthenticated', status: 401, message: WRONG });

    expect(await signInEvents(db, user.id)).toHaveLength(0);
  });

  it('refuses an account without a password (provider-only sign-in)', async () => {
    const user = await createTestUser(db);
    await db.update(users).set({ passwordHash: null }).where(eq(users.id, user.id));

    await expect(verifyCredentials(db, { email: user.email, password: user.password })).rejects.toMatchObject(
      {
        code: 'unauthenticated',
        message: WRONG,
      },
    );
  });

  it('replaces a hash made with older scrypt parameters on the next sign-in, transparently', async () => {
    const user = await createTestUser(db);
    const old = await hashPassword(user.password, { N: 2 ** 15, r: 8, p: 1 });
    await db.update(users).set({ passwordHash: old }).where(eq(users.id, user.id));

    await expect(
      verifyCredentials(db, { email: user.email, password: user.password }),
    ).resolves.toMatchObject({
      id: user.id,
    });

    const [stored] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(stored?.hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(stored?.hash).not.toBe(old);
    await expect(
      verifyCredentials(db, { email: user.email, password: user.password }),
    ).resolves.toMatchObject({
      id: user.id,
    });
  });

  it('keeps an old hash when the password is wrong', async () => {
    const user = await createTestUser(db);
    const old = await hashPassword(user.password, { N: 2 ** 14, r: 8, p: 1 });
    await db.update(users).set({ passwordHash: old }).where(eq(users.id, user.id));
    await expect(verifyCredentials(db, { email: user.email, password: 'not it' })).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    const [stored] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(stored?.hash).toBe(old);
  });

  it('refuses the right password of an unconfirmed address without signing in', async () => {
    const user = await createTestUser(db, { verified: false });
    await expect(verifyCredentials(db, { email: user.email, password: user.password })).rejects.toMatchObject(
      {
        code: 'email_unverified',
        status: 403,
      },
    );
    expect(await signInEvents(db, user.id)).toHaveLength(0);
  });
});
