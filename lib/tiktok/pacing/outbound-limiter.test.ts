import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTryLaterError, TryLaterError } from '@/lib/errors/try-later-error';
import { createRedis } from '@/lib/kv/redis';
import { clockOffsetMs, setClockOffset } from '@/lib/time/clock';
import { type LocalKv, startLocalKv } from '@/scripts/local-kv/start-local-kv';
import { closedPort } from '@/tests/helpers/closed-port';
import { hasRedis, TEST_REDIS_URL } from '@/tests/helpers/services';
import { loadRateLimits } from './load-rate-limits';
import { createOutboundLimiter, type OutboundLimiterOptions } from './outbound-limiter';
import { type PaceTarget, tokenSubject } from './pace-target';

// The bucket math runs in Redis (one Lua script), so these tests drive it through the
// Upstash-compatible endpoint: in front of the embedded store (in process), and of the machine's
// Redis when there is one, whose Lua differs. Time comes from an injected clock, and waiting
// advances that clock instead of sleeping.
const SKEW = 50;
const MINUTE = 60_000;
const BACKENDS = hasRedis ? ['embedded', 'redis'] : ['embedded'];

describe.each(BACKENDS)('outbound limiter on %s', (backend) => {
  let kv: LocalKv;
  let redis: ReturnType<typeof createRedis>;

  beforeAll(async () => {
    const token = randomUUID();
    kv = await startLocalKv({ port: 0, token, redisUrl: backend === 'redis' ? TEST_REDIS_URL : undefined });
    redis = createRedis({ url: kv.url, token });
  });
  afterAll(async () => {
    await kv.close();
  });

  function setup(overrides: Partial<OutboundLimiterOptions> & { buckets?: string } = {}) {
    const clock = { ms: 1_750_000_000_000 };
    const slept: number[] = [];
    const limiter = createOutboundLimiter({
      redis,
      limits: loadRateLimits({ buckets: overrides.buckets }),
      maxWaitMs: 0,
      skewMs: SKEW,
      // Generous: a loaded machine may take a while to answer, and that is not what these tests test.
      redisWaitMs: 20_000,
      now: () => clock.ms,
      sleep: async (ms) => {
        slept.push(ms);
        clock.ms += ms;
      },
      ...overrides,
    });
    return { clock, slept, limiter };
  }

  /** Content Posting video init: 6 per minute per token. */
  const initFor = (accessToken: string): Extract<PaceTarget, { host: 'open-api' }> => ({
    host: 'open-api',
    path: '/v2/post/publish/video/init/',
    accessToken,
  });
  const token = () => `act.test-${randomUUID()}`;

  async function outcome(promise: Promise<unknown>): Promise<'ok' | number> {
    try {
      await promise;
      return 'ok';
    } catch (error) {
      if (isTryLaterError(error)) return error.delayMs;
      throw error;
    }
  }

  describe('sliding-window buckets', () => {
    it('allows a burst of the whole limit, then refuses with the delay until the oldest slot frees', async () => {
      const { clock, limiter } = setup();
      const target = initFor(token());
      for (let i = 0; i < 6; i++) expect(await outcome(limiter.acquire(target))).toBe('ok');
      clock.ms += 1000;
      expect(await outcome(limiter.acquire(target))).toBe(MINUTE + SKEW - 1000);
    });

    it('gives each spent slot back exactly one window (plus skew) after it was spent', async () => {
      const { clock, limiter } = setup();
      const target = initFor(token());
      const start = clock.ms;
      for (let i = 0; i < 6; i++) {
        clock.ms = start + i * 5000;
        expect(await outcome(limiter.acquire(target))).toBe('ok');
      }
      clock.ms = start + MINUTE + SKEW - 1;
      expect(await outcome(limiter.acquire(target))).toBe(1);
      clock.ms = start + MINUTE + SKEW;
      expect(await outcome(limiter.acquire(target))).toBe('ok');
      // Only the first slot came back: the second frees 5 s later.
      expect(await outcome(limiter.acquire(target))).toBe(5000);
    });

    it('a refused request spends nothing', async () => {
      const { clock, limiter } = setup();
      const target = initFor(token());
      for (let i = 0; i < 6; i++) await limiter.acquire(target);
      for (let i = 0; i < 20; i++) await outcome(limiter.acquire(target));
      clock.ms += MINUTE + SKEW;
      for (let i = 0; i < 6; i++) expect(await outcome(limiter.acquire(target))).toBe('ok');
    });

    it('waits for a slot within the bound, serving waiters first come first served', async () => {
      const slept: number[] = [];
      // Sleeping leaves the clock alone here: both waiters reserve at the same moment.
      const { clock, limiter } = setup({ maxWaitMs: 30_000, sleep: async (ms) => void slept.push(ms) });
      const target = initFor(token());
      const start = clock.ms;
      for (let i = 0; i < 6; i++) {
        clock.ms = start + i * 10_000;
        await limiter.acquire(target);
      }
      clock.ms = start + 50_000;
      // Slot 1 frees at 60 s + skew, slot 2 at 70 s + skew: both within 30 s of now.
      const first = limiter.acquire(target);
      const second = limiter.acquire(target);
      await Promise.all([first, second]);
      expect(slept).toEqual([10_000 + SKEW, 20_000 + SKEW]);
      // The third would wait 40 s: more than the bound, so it is refused and reserves nothing.
      clock.ms = start + 50_000;
      expect(await outcome(limiter.acquire(target))).toBe(30_000 + SKEW);
    });

    it('keeps each token and each app in its own buckets', async () => {
      const { limiter } = setup();
      const one = initFor(token());
      for (let i = 0; i < 6; i++) await limiter.acquire(one);
      expect(await outcome(limiter.acquire(one))).toBeGreaterThan(0);
      expect(await outcome(limiter.acquire(initFor(token())))).toBe('ok');
      // Another endpoint of the same token has its own bucket too.
      const status: PaceTarget = { ...one, path: '/v2/post/publish/status/fetch/' };
      expect(await outcome(limiter.acquire(status))).toBe('ok');
    });

    it('charges every bucket of a request at once: the app-wide QPS (evenly spread) and QPM', async () => {
      const { clock, limiter } = setup({
        buckets: JSON.stringify({ 'business-api.qps': 2, 'business-api.qpm': 3 }),
      });
      const target: PaceTarget = { host: 'business-api', path: 'advertiser/info/', appId: randomUUID() };
      const start = clock.ms;
      const gap = (1000 + SKEW) / 2;
      expect(await outcome(limiter.acquire(target))).toBe('ok');
      // Per-second limits are spread: two per second means one every half second, not a burst of two.
      expect(await outcome(limiter.acquire(target))).toBe(gap);
      clock.ms = start + gap;
      expect(await outcome(limiter.acquire(target))).toBe('ok');
      clock.ms = start + 2 * gap;
      expect(await outcome(limiter.acquire(target))).toBe('ok');
      // The per-second bucket has room again, but the minute's three are spent.
      clock.ms = start + 3 * gap;
      expect(await outcome(limiter.acquire(target))).toBe(MINUTE + SKEW - 3 * gap);
      // A different path on the same host shares the app's quota.
      expect(await outcome(limiter.acquire({ ...target, path: 'report/integrated/get/' }))).toBeGreaterThan(
        0,
      );
    });

    it('hands a reservation back and takes a fresh one when it woke up too late to use it', async () => {
      const { clock, limiter } = setup({ maxWaitMs: 30_000 });
      const secret = token();
      const target = initFor(secret);
      const start = clock.ms;
      for (let i = 0; i < 6; i++) {
        clock.ms = start + i * 10_000;
        await limiter.acquire(target);
      }
      clock.ms = start + 55_000;
      let overslept = false;
      const late = createOutboundLimiter({
        redis,
        limits: loadRateLimits(),
        maxWaitMs: 30_000,
        skewMs: SKEW,
        redisWaitMs: 20_000,
        now: () => clock.ms,
        // The first wait overruns by a second (a stalled event loop); the second is on time.
        sleep: async (ms) => {
          clock.ms += overslept ? ms : ms + 1000;
          overslept = true;
        },
      });
      await late.acquire(target);
      // Its slot was at 60 s; woken at 61 s it handed that one back and took the (free) present one.
      expect(clock.ms).toBe(start + 61_000 + SKEW);
      const log = `pace:posting.video-init:${tokenSubject(secret)}`;
      const times = (await redis.zrange(log, 0, -1, { withScores: true })).filter((_, i) => i % 2 === 1);
      // The stale reservation is gone: the log holds the requests really sent, the last one now.
      expect(times.map(Number)).toEqual(
        [10_000, 20_000, 30_000, 40_000, 50_000, 61_000 + SKEW].map((t) => start + t),
      );
    });

    it('stores hashes, never the access token, in its keys', async () => {
      const { limiter } = setup();
      const secret = token();
      await limiter.acquire(initFor(secret));
      const [, keys] = await redis.scan(0, { match: 'pace:*', count: 10_000 });
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.some((key) => key.includes(secret) || key.includes(secret.slice(4)))).toBe(false);
    });

    it('frees capacity when the app clock travels forward (lib/time/clock offset)', async () => {
      const { limiter } = setup({ now: undefined, sleep: undefined });
      const target = initFor(token());
      const before = clockOffsetMs();
      try {
        for (let i = 0; i < 6; i++) await limiter.acquire(target);
        expect(await outcome(limiter.acquire(target))).toBeGreaterThan(0);
        setClockOffset(before + MINUTE + SKEW + 10);
        expect(await outcome(limiter.acquire(target))).toBe('ok');
      } finally {
        setClockOffset(before);
      }
    });
  });

  describe('adaptive slow-down', () => {
    it('halves the limit after a 429 and pauses for one slot at the new rate', async () => {
      const { clock, limiter } = setup();
      const target = initFor(token());
      await limiter.acquire(target);
      const error = await limiter.slowDown(target, { scope: 'token' });
      expect(error).toBeInstanceOf(TryLaterError);
      // 6/min halved is 3/min: one slot every (60 s + skew) / 3.
      const pause = Math.ceil((MINUTE + SKEW) / 3);
      expect(error.delayMs).toBe(pause);
      clock.ms += pause - 1;
      expect(await outcome(limiter.acquire(target))).toBe(1);
      clock.ms += 1;
      // Three per window now: the one before the 429 and two more.
      expect(await outcome(limiter.acquire(target))).toBe('ok');
      expect(await outcome(limiter.acquire(target))).toBe('ok');
      expect(await outcome(limiter.acquire(target))).toBeGreaterThan(0);
    });

    it('recovers: the limit doubles back each minute after the last cut', async () => {
      const { clock, limiter } = setup();
      const target = initFor(token());
      await limiter.slowDown(target, { scope: 'token' });
      await limiter.slowDown(target, { scope: 'token' });
      // Two cuts: 6 → 3 → 1 per minute.
      clock.ms += MINUTE + SKEW + 1;
      const allowedNow = async () => {
        let n = 0;
        while ((await outcome(limiter.acquire(target))) === 'ok') n++;
        return n;
      };
      expect(await allowedNow()).toBe(3); // one minute after the cut: doubled once (1.5 → 3)
      clock.ms += MINUTE + SKEW + 1;
      expect(await allowedNow()).toBe(6); // two minutes after: full limit again
    });

    it('honours Retry-After', async () => {
      const { clock, limiter } = setup();
      const target = initFor(token());
      const error = await limiter.slowDown(target, { scope: 'token', retryAfterMs: 42_000 });
      expect(error.delayMs).toBe(42_000);
      clock.ms += 41_000;
      expect(await outcome(limiter.acquire(target))).toBe(1000);
    });

    it('a Marketing 40100 (app scope) slows the app-wide buckets for every caller of the app', async () => {
      const { limiter } = setup();
      const appId = randomUUID();
      const report: PaceTarget = { host: 'business-api', path: 'report/integrated/get/', appId };
      const error = await limiter.slowDown(report, { scope: 'app' });
      expect(error.delayMs).toBeGreaterThan(0);
      expect(await outcome(limiter.acquire({ ...report, path: 'advertiser/info/' }))).toBeGreaterThan(0);
      expect(await outcome(limiter.acquire({ ...report, appId: randomUUID() }))).toBe('ok');
    });

    it('a 40100 while the per-second window is the full one cuts only that window, for five of its windows', async () => {
      const { clock, limiter } = setup({
        buckets: JSON.stringify({ 'business-api.qps': 4, 'business-api.qpm': 200 }),
      });
      const appId = randomUUID();
      const target: PaceTarget = { host: 'business-api', path: 'report/integrated/get/', appId };
      const window = 1000 + SKEW;
      /** Sends as fast as the limiter lets for `ms`; how many went out. */
      const sendFor = async (ms: number) => {
        const until = clock.ms + ms;
        let sent = 0;
        while (clock.ms < until) {
          const result = await outcome(limiter.acquire(target));
          if (result === 'ok') sent++;
          else clock.ms += result;
        }
        return sent;
      };
      // Full rate: 4 a second; the minute's 200 is far from spent.
      expect(await sendFor(window)).toBe(4);
      const error = await limiter.slowDown(target, { scope: 'app' });
      expect(error.delayMs).toBe(Math.ceil(window / 2));
      const cut = await redis.hget(`pace:business-api.qps:app.${appId}:state`, 'f');
      expect(Number(cut)).toBe(0.5);
      // TikTok's count overran the second, not the minute: the minute keeps its whole limit.
      expect(await redis.exists(`pace:business-api.qpm:app.${appId}:state`)).toBe(0);
      clock.ms += error.delayMs;
      expect(await sendFor(2 * window)).toBe(4); // half rate while the cut holds
      clock.ms += 3 * 1000; // five seconds after the cut
      expect(await sendFor(window)).toBe(4);
    });

    it('a signal with no bucket of ours only delays the caller', async () => {
      const { limiter } = setup();
      const target = initFor(token());
      expect((await limiter.slowDown(target, { scope: 'app' })).delayMs).toBe(5000);
      expect((await limiter.slowDown(target, { scope: 'advertiser', retryAfterMs: 1500 })).delayMs).toBe(
        1500,
      );
      expect(await outcome(limiter.acquire(target))).toBe('ok');
      const oauth: PaceTarget = { host: 'open-api', path: '/v2/oauth/token/' };
      expect((await limiter.slowDown(oauth, { scope: 'token' })).delayMs).toBe(5000);
    });
  });

  describe('failing closed', () => {
    it('waits up to the bound for an unreachable Redis, then asks the caller to come back later', async () => {
      const dead = createRedis({ url: `http://127.0.0.1:${await closedPort()}`, token: 'x', retries: 0 });
      const { limiter } = setup({
        redis: dead,
        redisWaitMs: 300,
        redisDownDelayMs: 12_000,
        sleep: undefined,
      });
      const started = Date.now();
      const result = await outcome(limiter.acquire(initFor(token())));
      expect(result).toBe(12_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    });

    it('refuses an Open API path that has no entry in the limits table', async () => {
      const { limiter } = setup();
      await expect(
        limiter.acquire({ host: 'open-api', path: '/v2/unknown/', accessToken: 'x' }),
      ).rejects.toThrow(/No rate-limit entry/);
    });
  });
});
