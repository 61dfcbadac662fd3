import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth } from '@/lib/health/check-health';
import { type LocalKv, startLocalKv } from '@/scripts/local-kv/start-local-kv';
import { hasRedis, TEST_REDIS_URL } from '@/tests/helpers/services';
import { createTestDb, type TestDb } from '@/tests/helpers/test-db';

const TOKEN = 'health-test-token';

describe('checkHealth', () => {
  let db: TestDb;
  let kv: LocalKv;
  beforeAll(async () => {
    db = await createTestDb('pglite');
    kv = await startLocalKv({ port: 0, token: TOKEN });
  });
  afterAll(async () => {
    await kv?.close();
    await db?.drop();
  });

  it('reports both components ok and embedded when PGlite and the in-memory endpoint answer', async () => {
    const report = await checkHealth({ getDbHandle: async () => db, kv: { url: kv.url, token: TOKEN } });
    expect(report.status).toBe('ok');
    expect(report.components.database).toMatchObject({ status: 'ok', mode: 'embedded' });
    expect(report.components.redis).toMatchObject({ status: 'ok', mode: 'embedded', backend: 'in-memory' });
  });

  it.runIf(hasRedis)('names the local Redis when the endpoint fronts a real one', async () => {
    const local = await startLocalKv({ port: 0, token: TOKEN, redisUrl: TEST_REDIS_URL });
    try {
      const report = await checkHealth({ getDbHandle: async () => db, kv: { url: local.url, token: TOKEN } });
      expect(report.components.redis).toMatchObject({
        status: 'ok',
        mode: 'embedded',
        backend: 'local Redis',
      });
    } finally {
      await local.close();
    }
  });

  it('is degraded when the database cannot be reached, without leaking the connection string', async () => {
    const report = await checkHealth({
      getDbHandle: () => Promise.reject(new Error('connect ECONNREFUSED postgres://admin:hunter2@db:5432')),
      kv: { url: kv.url, token: TOKEN },
    });
    expect(report.status).toBe('degraded');
    expect(report.components.database.status).toBe('down');
    expect(JSON.stringify(report)).not.toContain('hunter2');
  });

  it('is degraded when Redis does not answer or refuses the token', async () => {
    const wrongToken = await checkHealth({
      getDbHandle: async () => db,
      kv: { url: kv.url, token: 'wrong' },
    });
    expect(wrongToken.components.redis.status).toBe('down');
    const nobody = await checkHealth({
      getDbHandle: async () => db,
      kv: { url: 'http://127.0.0.1:9', token: TOKEN },
      timeoutMs: 500,
    });
    expect(nobody.status).toBe('degraded');
    expect(nobody.components.redis.status).toBe('down');
  });
});
