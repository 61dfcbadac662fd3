import type { Redis } from '@upstash/redis';
import { and, eq } from 'drizzle-orm';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  type MockInstance,
  vi,
} from 'vitest';
import { requestPasswordReset } from '@/lib/auth/request-password-reset';
import { resetPassword } from '@/lib/auth/reset-password';
import { createSessionRow, isSessionActive } from '@/lib/auth/session-rows';
import { signUp } from '@/lib/auth/sign-up';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { auditEvents, emailTokens, users } from '@/lib/db/schema';
import type { Db } from '@/lib/db/types';
import { createRedis } from '@/lib/kv/redis';
import { createTestUser, uniqueEmail } from '@/tests/factories/create-user';
import { closedPort } from '@/tests/helpers/closed-port';
import { emailsTo, linkIn } from '@/tests/helpers/outbox';
import { createTestDb, TEST_DB_KINDS, type TestDb } from '@/tests/helpers/test-db';

const RESET_SUBJECT = 'Reset your Tokdesk password';
const NEW_PASSWORD = 'a brand new password';

describe.each(TEST_DB_KINDS)('password reset on %s', (kind) => {
  let testDb: TestDb;
  let db: Db;
  // The lockout lift after a reset is covered against a live Redis in password-attempt-limits;
  // here Redis is down, which must not fail a reset whose password is already changed.
  let downRedis: Redis;
  let logged: MockInstance<typeof console.error>;
  beforeAll(async () => {
    testDb = await createTestDb(kind);
    db = testDb.db;
    downRedis = createRedis({ url: `http://127.0.0.1:${await closedPort()}`, token: 'x', retries: 0 });
  });
  afterAll(async () => {
    await testDb?.drop();
  });
  beforeEach(() => {
    logged = vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    logged.mockRestore();
  });

  async function resetLink(email: string) {
    await requestPasswordReset(db, { email: email.toUpperCase() });
    const [mail] = await emailsTo(db, email, RESET_SUBJECT);
    return linkIn(mail?.text ?? '', '/reset-password');
  }

  it('sets a new password, ends every session and logs it, with Redis down too; the link works once', async () => {
    const user = await createTestUser(db);
    const sessions = [await createSessionRow(db, user.id), await createSessionRow(db, user.id)];
    const { token } = await resetLink(user.email);

    await expect(
      resetPassword(db, { token, password: NEW_PASSWORD, ip: '192.0.2.1', redis: downRedis }),
    ).resolves.toEqual({
      userId: user.id,
      email: user.email,
    });

    for (const session of sessions) expect(await isSessionActive(db, session, user.id)).toBe(false);
    await expect(verifyCredentials(db, { email: user.email, password: user.password })).rejects.toMatchObject(
      {
        code: 'unauthenticated',
      },
    );
    await expect(verifyCredentials(db, { email: user.email, password: NEW_PASSWORD })).resolves.toMatchObject(
      {
        id: user.id,
      },
    );
    const events = await db.select().from(auditEvents).where(eq(auditEvents.actorUserId, user.id));
    expect(events.find((event) => event.action === 'user.password_reset')).toMatchObject({ ip: '192.0.2.1' });
    expect((await emailsTo(db, user.email))[0]?.subject).toBe('Your Tokdesk password was changed');
    expect(String(logged.mock.calls[0]?.[0])).toContain('lift sign-in limit after password reset');

    await expect(
      resetPassword(db, { token, password: 'yet another password', redis: downRedis }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('stores only a hash of the link and lets it live 30 minutes', async () => {
    const user = await createTestUser(db);
    const before = Date.now();
    const { token } = await resetLink(user.email);
    const [row] = await db
      .select()
      .from(emailTokens)
      .where(and(eq(emailTokens.userId, user.id), eq(emailTokens.purpose, 'reset_password')));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.tokenHash).not.toBe(token);
    const lifetime = (row?.expiresAt.getTime() ?? 0) - before;
    expect(lifetime).toBeGreaterThan(29 * 60 * 1000);
    expect(lifetime).toBeLessThanOrEqual(30 * 60 * 1000 + 5000);
  });

  it('refuses an expired link and an older link once a newer one was sent', async () => {
    const user = await createTestUser(db);
    const first = await resetLink(user.email);
    const second = await resetLink(user.email);
    await expect(
      resetPassword(db, { token: first.token, password: NEW_PASSWORD, redis: downRedis }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    await db
      .update(emailTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(emailTokens.userId, user.id));
    await expect(
      resetPassword(db, { token: second.token, password: NEW_PASSWORD, redis: downRedis }),
    ).rejects.toMatchObject({
      code: 'not_found',
      message: 'This reset link has expired or was already used. Ask for a new one.',
    });
  });

  it('sends nothing for an address without an account', async () => {
    const email = uniqueEmail('nobody');
    await requestPasswordReset(db, { email });
    expect(await emailsTo(db, email)).toEqual([]);
  });

  it('confirms the address of an account that never confirmed it: the link proved it', async () => {
    const email = uniqueEmail('pending');
    await signUp(db, { name: 'Pending', email, password: 'the first password' });
    const { token } = await resetLink(email);
    await resetPassword(db, { token, password: NEW_PASSWORD, redis: downRedis });
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user?.emailVerified).toBeInstanceOf(Date);
    await expect(verifyCredentials(db, { email, password: NEW_PASSWORD })).resolves.toMatchObject({ email });
  });

  it('of two simultaneous uses of one link, exactly one succeeds', async () => {
    const user = await createTestUser(db);
    const { token } = await resetLink(user.email);
    const results = await Promise.allSettled([
      resetPassword(db, { token, password: 'first new password', redis: downRedis }),
      resetPassword(db, { token, password: 'second new password', redis: downRedis }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });
});
