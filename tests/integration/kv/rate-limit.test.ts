import { randomUUID } from 'node:crypto';
import type { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { assertRateLimit } from '@/lib/kv/assert-rate-limit';
import { RATE_LIMIT_POLICIES } from '@/lib/kv/rate-limit-policies';
import { createRedis } from '@/lib/kv/redis';
import { resetRateLimit } from '@/lib/kv/reset-rate-limit';
import { type LocalKv, startLocalKv } from '@/scripts/local-kv/start-local-kv';
import { hasRedis, TEST_REDIS_URL } from '@/tests/helpers/services';

describe.runIf(hasRedis)('assertRateLimit against the real Redis', () => {
  const token = randomUUID();
  const identifier = [`rl-${randomUUID()}@example.com`, '192.0.2.10'];
  let kv: LocalKv;
  let redis: Redis;

  beforeAll(async () => {
    kv = await startLocalKv({ port: 0, token, redisUrl: TEST_REDIS_URL });
    redis = createRedis({ url: kv.url, token });
  });

  afterAll(async () => {
    await resetRateLimit({ policy: 'signInAccount', identifier, redis });
    await kv.close();
  });

  it('rejects the attempt after the last allowed one in the window', async () => {
    const { attempts } = RATE_LIMIT_POLICIES.signInAccount;
    for (let i = 0; i < attempts; i++) {
      await expect(assertRateLimit({ policy: 'signInAccount', identifier, redis })).resolves.toMatchObject({
        remaining: attempts - 1 - i,
      });
    }
    const denied = await assertRateLimit({ policy: 'signInAccount', identifier, redis }).catch(
      (error: unknown) => error,
    );
    expect(denied).toBeInstanceOf(AppError);
    expect((denied as AppError).code).toBe('rate_limited');
    expect((denied as AppError).retryAfterSeconds).toBeGreaterThan(0);
    expect((denied as AppError).status).toBe(429);
  });
});
