import { randomUUID } from 'node:crypto';
import type { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLock } from '@/lib/kv/acquire-lock';
import { LockTimeoutError } from '@/lib/kv/lock-timeout-error';
import { createRedis } from '@/lib/kv/redis';
import { releaseLock } from '@/lib/kv/release-lock';
import { waitForUnlock } from '@/lib/kv/wait-for-unlock';
import { withLock } from '@/lib/kv/with-lock';
import { type LocalKv, startLocalKv } from '@/scripts/local-kv/start-local-kv';
import { hasRedis, TEST_REDIS_URL } from '@/tests/helpers/services';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(hasRedis)('redis lock against the real Redis', () => {
  const token = randomUUID();
  const prefix = `lock-test:${randomUUID()}:`;
  const used: string[] = [];
  let kv: LocalKv;
  let clients: Redis[];

  const key = (name: string) => {
    used.push(`${prefix}${name}`);
    return `${prefix}${name}`;
  };

  beforeAll(async () => {
    kv = await startLocalKv({ port: 0, token, redisUrl: TEST_REDIS_URL });
    // Several clients, as several app instances would be.
    clients = Array.from({ length: 5 }, () => createRedis({ url: kv.url, token }));
  });

  afterAll(async () => {
    if (used.length > 0) await clients[0]?.del(...used);
    await kv.close();
  });

  it('never lets two of 50 concurrent holders into the critical section', async () => {
    const name = key('contended');
    let inside = 0;
    let maxInside = 0;
    let runs = 0;
    await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        withLock(clients[index % clients.length]!, name, { ttlMs: 5000, waitMs: 30_000 }, async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await sleep(2);
          runs++;
          inside--;
        }),
      ),
    );
    expect(runs).toBe(50);
    expect(maxInside).toBe(1);
  });

  it("frees a dead holder's lock after its TTL", async () => {
    const name = key('dead-holder');
    const [first, second] = clients;
    expect(await acquireLock(first!, name, { ttlMs: 300 })).not.toBeNull();
    // The holder "dies": it never releases.
    expect(await acquireLock(second!, name, { ttlMs: 300 })).toBeNull();
    const taken = await acquireLock(second!, name, { ttlMs: 5000, waitMs: 2000 });
    expect(taken).not.toBeNull();
    await releaseLock(second!, taken!);
  });

  it('cannot be released by anyone but its owner', async () => {
    const name = key('owned');
    const [owner, other] = clients;
    const lock = await acquireLock(owner!, name, { ttlMs: 5000 });
    expect(await releaseLock(other!, { key: name, token: randomUUID() })).toBe(false);
    expect(await owner!.exists(name)).toBe(1);
    expect(await releaseLock(owner!, lock!)).toBe(true);
    expect(await owner!.exists(name)).toBe(0);
  });

  it('bounds the wait for a held lock', async () => {
    const name = key('held');
    const [holder, waiter] = clients;
    const lock = await acquireLock(holder!, name, { ttlMs: 10_000 });
    const started = Date.now();
    await expect(
      withLock(waiter!, name, { ttlMs: 1000, waitMs: 300 }, async () => 'never'),
    ).rejects.toBeInstanceOf(LockTimeoutError);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(2000);
    expect(await waitForUnlock(waiter!, name, { waitMs: 100 })).toBe(false);
    await releaseLock(holder!, lock!);
    expect(await waitForUnlock(waiter!, name, { waitMs: 1000 })).toBe(true);
  });
});
