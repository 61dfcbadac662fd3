import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeKvBackend } from '@/lib/kv/describe-kv-backend';
import { startLocalKv } from '@/scripts/local-kv/start-local-kv';
import { hasRedis, TEST_REDIS_URL } from '@/tests/helpers/services';

describe.runIf(hasRedis)('describeKvBackend against the real Redis', () => {
  it('reports the endpoint in front of Redis as local-redis', async () => {
    const token = randomUUID();
    const kv = await startLocalKv({ port: 0, token, redisUrl: TEST_REDIS_URL });
    try {
      expect(await describeKvBackend({ url: kv.url, token })).toMatchObject({
        ok: true,
        mode: 'local-redis',
      });
    } finally {
      await kv.close();
    }
  });
});
