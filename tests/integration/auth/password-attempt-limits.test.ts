import { randomInt, randomUUID } from 'node:crypto';
import type { Redis } from '@upstash/redis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { authorizeCredentials } from '@/lib/auth/authorize-credentials';
import { requestPasswordReset } from '@/lib/auth/request-password-reset';
import { resetPassword } from '@/lib/auth/reset-password';
import type { Db } from '@/lib/db/types';
import { RATE_LIMIT_POLICIES } from '@/lib/kv/rate-limit-policies';
import { createRedis } from '@/lib/kv/redis';
import { type LocalKv, startLocalKv } from '@/scripts/local-kv/start-local-kv';
import { createTestUser, type TestUser, uniqueEmail } from '@/tests/factories/create-user';
import { emailsTo, linkIn } from '@/tests/helpers/outbox';
import { hasRedis, TEST_REDIS_URL } from '@/tests/helpers/services';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';

const ACCOUNT_LIMIT = RATE_LIMIT_POLICIES.signInAccount.attempts;
const IP_LIMIT = RATE_LIMIT_POLICIES.signInIp.attempts;

// The limits are about Redis, not the database: PGlite is enough for the accounts behind them.
describe('password attempt limits (authorizeCredentials)', () => {
  const token = randomUUID();
  let kv: LocalKv;
  let redis: Redis;
  let testDb: TestDb;
  let db: Db;

  beforeAll(async () => {
    kv = await startLocalKv({ port: 0, token, redisUrl: hasRedis ? TEST_REDIS_URL : undefined });
    redis = createRedis({ url: kv.url, token });
    testDb = await createTestDb('pglite');
    db = testDb.db;
  });
  afterAll(async () => {
    await testDb?.drop();
    await kv?.close();
  });
  // Fixed windows reset on the quarter hour: each test starts just after a boundary, so its
  // attempts never straddle one however slow the machine is.
  beforeEach(() => {
    const window = 15 * 60 * 1000;
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime((Math.floor(Date.now() / window) + 1) * window + 1000);
  });
  afterEach(() => vi.useRealTimers());

  // Redis outlives a run, and each test's clock sits just after a quarter hour: a run in the next
  // quarter would count this run's attempts in its sliding window. Each run takes its own addresses.
  let ipCounter = randomInt(0, 2 ** 24 - 100_000);
  const freshIp = () => {
    const n = ipCounter++;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  };
  const attempt = (user: Pick<TestUser, 'email'>, password: string, ip: string | null = freshIp()) =>
    authorizeCredentials(db, { email: user.email, password, ip, redis }).then(
      (result) => ({ ok: true as const, result }),
      (error: { code?: string; retryAfterSeconds?: number }) => ({ ok: false as const, error }),
    );

  it('stops guessing at one account after the policy’s attempts, whatever IP each claims', async () => {
    const victim = await createTestUser(db);
    const other = await createTestUser(db);

    const outcomes = [];
    for (let i = 0; i < ACCOUNT_LIMIT + 3; i++) outcomes.push(await attempt(victim, `guess-${i}`));
    expect(outcomes.slice(0, ACCOUNT_LIMIT).map((o) => !o.ok && o.error.code)).toEqual(
      Array(ACCOUNT_LIMIT).fill('unauthenticated'),
    );
    for (const outcome of outcomes.slice(ACCOUNT_LIMIT)) {
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.error.code).toBe('rate_limited');
        expect(outcome.error.retryAfterSeconds).toBeGreaterThan(0);
        expect(outcome.error.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
      }
    }

    // The right password waits too; the address is matched however it is typed.
    const right = await attempt({ email: ` ${victim.email.toUpperCase()} ` }, victim.password);
    expect(!right.ok && right.error.code).toBe('rate_limited');
    // And nobody else is affected.
    expect((await attempt(other, other.password)).ok).toBe(true);
  });

  it('lets the right password in once the window has passed', async () => {
    const user = await createTestUser(db);
    for (let i = 0; i < ACCOUNT_LIMIT; i++) await attempt(user, `guess-${i}`);
    expect((await attempt(user, user.password)).ok).toBe(false);

    vi.setSystemTime(Date.now() + 15 * 60 * 1000);
    expect((await attempt(user, user.password)).ok).toBe(true);
  });

  it('forgets the failures of an account once its owner signs in', async () => {
    const user = await createTestUser(db);
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) await attempt(user, `typo-${i}`);
    expect((await attempt(user, user.password)).ok).toBe(true);
    for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) {
      const outcome = await attempt(user, `typo-again-${i}`);
      expect(!outcome.ok && outcome.error.code).toBe('unauthenticated');
    }
  });

  it('lifts the lockout when the owner sets a new password by e-mail', async () => {
    const user = await createTestUser(db);
    for (let i = 0; i < ACCOUNT_LIMIT; i++) await attempt(user, `guess-${i}`);
    expect((await attempt(user, user.password)).ok).toBe(false);

    await requestPasswordReset(db, { email: user.email });
    const [mail] = await emailsTo(db, user.email, 'Reset your Tokdesk password');
    const { token: resetToken } = linkIn(mail?.text ?? '', '/reset-password');
    await resetPassword(db, { token: resetToken, password: 'a fresh password', redis });

    expect((await attempt(user, 'a fresh password')).ok).toBe(true);
  });

  it('limits one IP spraying passwords over many accounts, and only when the IP is known', async () => {
    const ip = freshIp();
    const strangers = Array.from({ length: IP_LIMIT + 1 }, () => ({ email: uniqueEmail('spray') }));
    // In batches: each attempt costs a full scrypt check.
    const outcomes = [];
    for (let i = 0; i < strangers.length; i += 8) {
      outcomes.push(
        ...(await Promise.all(strangers.slice(i, i + 8).map((s) => attempt(s, 'password1', ip)))),
      );
    }
    const codes = outcomes.map((o) => (!o.ok ? o.error.code : 'ok'));
    expect(codes.filter((code) => code === 'unauthenticated')).toHaveLength(IP_LIMIT);
    expect(codes.filter((code) => code === 'rate_limited')).toHaveLength(1);

    // Without a trusted IP only the per-account limit applies: a new account is still checked.
    expect((await attempt({ email: uniqueEmail('spray') }, 'password1', null)).ok).toBe(false);
    const unknownIp = await attempt({ email: uniqueEmail('spray') }, 'password1', null);
    expect(!unknownIp.ok && unknownIp.error.code).toBe('unauthenticated');
  }, 180_000);
});
