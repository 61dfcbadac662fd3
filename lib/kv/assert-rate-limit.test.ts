import { randomUUID } from 'node:crypto';
import type { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { type LocalKv, startLocalKv } from '@/scripts/local-kv/start-local-kv';
import { assertRateLimit } from './assert-rate-limit';
import { RATE_LIMIT_POLICIES } from './rate-limit-policies';
import { createRedis } from './redis';
import { resetRateLimit } from './reset-rate-limit';

describe('assertRateLimit (embedded backend)', () => {
  const token = randomUUID();
  let kv: LocalKv;
  let redis: Redis;

  beforeAll(async () => {
    kv = await startLocalKv({ port: 0, token });
    redis = createRedis({ url: kv.url, token });
  });
  afterAll(() => kv.close());

  it('throws rate_limited with a retry-after once the sign-up window is used up, until reset', async () => {
    const identifier = `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
    const { attempts } = RATE_LIMIT_POLICIES.signUp;
    for (let i = 0; i < attempts; i++) await assertRateLimit({ policy: 'signUp', identifier, redis });
    const denied = await assertRateLimit({ policy: 'signUp', identifier, redis }).catch(
      (error: unknown) => error,
    );
    expect(isAppError(denied) && denied.code).toBe('rate_limited');
    expect(isAppError(denied) && denied.retryAfterSeconds).toBeGreaterThan(0);
    expect(isAppError(denied) && denied.message).toMatch(/Try again in \d+ (minute|second)/);

    await resetRateLimit({ policy: 'signUp', identifier, redis });
    await expect(assertRateLimit({ policy: 'signUp', identifier, redis })).resolves.toMatchObject({
      remaining: attempts - 1,
    });
  });

  it('keeps Redis keys free of the raw identifier', async () => {
    const email = `someone-${randomUUID()}@example.com`;
    await assertRateLimit({ policy: 'signInAccount', identifier: [email, '198.51.100.7'], redis });
    const [, keys] = await redis.scan(0, {
      match: `${RATE_LIMIT_POLICIES.signInAccount.keyPrefix}:*`,
      count: 1000,
    });
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((key) => key.includes(email))).toBe(false);
    await resetRateLimit({ policy: 'signInAccount', identifier: [email, '198.51.100.7'], redis });
  });

  it('fails open with a warning when Redis is unreachable', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const unreachable = createRedis({ url: 'http://127.0.0.1:9', token: 'secret-token-value', retries: 0 });
    await expect(
      assertRateLimit({ policy: 'api', identifier: 'user-1', redis: unreachable }),
    ).resolves.toEqual({
      failedOpen: true,
    });
    expect(warn).toHaveBeenCalled();
    expect(JSON.stringify(warn.mock.calls)).not.toContain('secret-token-value');
    warn.mockRestore();
  });
});
