import { randomUUID } from 'node:crypto';
import type { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalKv, startLocalKv } from '@/scripts/local-kv/start-local-kv';
import { acquireLock } from './acquire-lock';
import { LockTimeoutError } from './lock-timeout-error';
import { createRedis } from './redis';
import { releaseLock } from './release-lock';
import { waitForUnlock } from './wait-for-unlock';
import { withLock } from './with-lock';

describe('redis lock (embedded backend)', () => {
  const token = randomUUID();
  let kv: LocalKv;
  let redis: Redis;
  const key = () => `lock-test:${randomUUID()}`;

  beforeAll(async () => {
    kv = await startLocalKv({ port: 0, token });
    redis = createRedis({ url: kv.url, token });
  });
  afterAll(() => kv.close());

  it('is exclusive until its owner releases it', async () => {
    const name = key();
    const first = await acquireLock(redis, name, { ttlMs: 5000 });
    expect(first).not.toBeNull();
    expect(await acquireLock(redis, name, { ttlMs: 5000 })).toBeNull();
    expect(await releaseLock(redis, { key: name, token: 'not-the-owner' })).toBe(false);
    expect(await acquireLock(redis, name, { ttlMs: 5000 })).toBeNull();
    expect(await releaseLock(redis, first!)).toBe(true);
    expect(await acquireLock(redis, name, { ttlMs: 5000 })).not.toBeNull();
  });

  it('withLock releases after the work, also when it throws', async () => {
    const name = key();
    await expect(withLock(redis, name, { ttlMs: 5000, waitMs: 0 }, async () => 'done')).resolves.toBe('done');
    await expect(
      withLock(redis, name, { ttlMs: 5000, waitMs: 0 }, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await redis.exists(name)).toBe(0);
  });

  it('gives up with LockTimeoutError after waitMs', async () => {
    const name = key();
    await acquireLock(redis, name, { ttlMs: 10_000 });
    const started = Date.now();
    const attempt = withLock(redis, name, { ttlMs: 1000, waitMs: 200 }, async () => 'never');
    await expect(attempt).rejects.toBeInstanceOf(LockTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('waitForUnlock returns once the holder releases, false when the wait runs out', async () => {
    const name = key();
    const lock = await acquireLock(redis, name, { ttlMs: 10_000 });
    expect(await waitForUnlock(redis, name, { waitMs: 100 })).toBe(false);
    setTimeout(() => void releaseLock(redis, lock!), 150);
    expect(await waitForUnlock(redis, name, { waitMs: 3000 })).toBe(true);
  });
});
