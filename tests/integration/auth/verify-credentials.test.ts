import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
