import { randomUUID } from 'node:crypto';
import type { Redis } from '@upstash/redis';
import { TryLaterError } from '@/lib/errors/try-later-error';
import { logError } from '@/lib/log/log-error';
import { nowMs } from '@/lib/time/clock';
import { PACE_SCRIPT } from './pace-script';
import { describeTarget, type PaceTarget, type PlannedBucket, planBuckets } from './pace-target';
import type { BucketScope, RateLimitTable } from './rate-limits';

/** TikTok said "too many": which quota it meant, and for how long it asked us to stop. */
export type RateLimitSignal = {
  /** `advertiser` (Marketing 40133) has no bucket of ours: it only delays the caller. */
  scope: BucketScope | 'advertiser';
  /** From a `Retry-After` header; TikTok documents none, proxies and the sandbox may send one. */
  retryAfterMs?: number;
};

export type OutboundLimiter = {
  /**
   * Takes capacity for one request from every bucket of `target`, in one Redis round trip. Waits
   * (without polling) when the slot it reserved is at most `maxWaitMs` away; otherwise throws
   * `TryLaterError` with the wait as `delayMs`, having reserved nothing.
   */
  acquire(target: PaceTarget, options?: { maxWaitMs?: number; signal?: AbortSignal }): Promise<void>;
  /**
   * Slows the buckets `signal` names (halves their limit for a while, honours Retry-After) and
   * returns the `TryLaterError` for the caller to throw, with the delay until capacity is back.
   */
  slowDown(target: PaceTarget, signal: RateLimitSignal, cause?: unknown): Promise<TryLaterError>;
};

export type OutboundLimiterOptions = {
  redis: Redis;
  limits: RateLimitTable;
  /** Default bound on waiting for capacity before giving up with `TryLaterError`. */
  maxWaitMs: number;
  /** Added to every window: covers clock skew between instances and jitter on the way to TikTok. */
  skewMs: number;
  /** Fail closed: how long to keep retrying an unreachable Redis before `TryLaterError`. */
  redisWaitMs: number;
  /** The snooze asked for when Redis stayed unreachable. */
  redisDownDelayMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/** When TikTok signals a limit we have no bucket for, callers come back after this much. */
const UNBUCKETED_DELAY_MS = { app: 5000, token: 5000, advertiser: 1000 } as const;
/** The most an acquire reserves ahead of "now" to cover its own round trip. */
const MAX_LEAD_MS = 2000;
/** How often a call that woke up too late for its slot takes a fresh one before it snoozes. */
const MAX_LATE_RETRIES = 3;
/** A cut limit of a minute or longer stays cut this long (or its window), then doubles back each `hold`. */
const MIN_HOLD_MS = 60_000;
/**
 * Windows shorter than a minute (per-second quotas) hold a cut for this many of their windows
 * instead: TikTok's guidance for an exceeded QPS is to retry the next second, and a quota that
 * refills every second does not need a minute at half rate to recover. Repeated refusals still cut
 * again each time, halving the rate until they stop.
 */
const SHORT_WINDOW_HOLDS = 5;

type ScriptReply = [number, number];

export function createOutboundLimiter(options: OutboundLimiterOptions): OutboundLimiter {
  const { redis, limits, skewMs, redisWaitMs, redisDownDelayMs = 10_000 } = options;
  const now = options.now ?? nowMs;
  const sleep = options.sleep ?? abortableSleep;
  const script = redis.createScript<ScriptReply>(PACE_SCRIPT);
  let lastLoggedAt = 0;

  const keysOf = (buckets: PlannedBucket[]) =>
    buckets.flatMap((bucket) => [bucket.key, `${bucket.key}:state`]);
  const lateToleranceMs = skewMs / 2;
  const roundTrip = roundTripEstimator();

  function argsFor(buckets: PlannedBucket[], cut: (bucket: PlannedBucket) => boolean) {
    return buckets.flatMap((bucket) => [
      String(bucket.rule.limit),
      String(bucket.rule.windowMs + skewMs),
      String(holdOf(bucket.rule.windowMs)),
      cut(bucket) ? '1' : '0',
      bucket.rule.spread ? '1' : '0',
    ]);
  }

  /** Fail closed: no TikTok call goes out unpaced. Redis gets `redisWaitMs`, then callers snooze. */
  async function run(keys: string[], args: string[], target: PaceTarget): Promise<ScriptReply> {
    const deadline = Date.now() + redisWaitMs;
    let lastError: unknown;
    for (let round = 0; ; round++) {
      try {
        const left = deadline - Date.now();
        return await withTimeout(script.exec(keys, args), Math.max(left, 100));
      } catch (error) {
        lastError = error;
      }
      const left = deadline - Date.now();
      if (left <= 0) break;
      await sleep(Math.min(left, 50 * 2 ** Math.min(round, 4) * (0.5 + Math.random() / 2)));
    }
    if (Date.now() - lastLoggedAt > 30_000) {
      lastLoggedAt = Date.now();
      logError('outbound rate limiter', lastError);
    }
    throw new TryLaterError(
      `The TikTok rate limiter (Redis) is unreachable; ${describeTarget(target)} waits until it is back.`,
      redisDownDelayMs,
      { cause: lastError },
    );
  }

  return {
    async acquire(target, { maxWaitMs = options.maxWaitMs, signal } = {}) {
      const buckets = planBuckets(target, limits);
      if (buckets.length === 0) return;
      const keys = keysOf(buckets);
      const bucketArgs = argsFor(buckets, () => false);
      const deadline = now() + maxWaitMs;
      let release = '';
      for (let late = 0; ; late++) {
        const member = randomUUID();
        const sentAt = now();
        // Reserve for when we can actually send: after this round trip, not when it started.
        const lead = roundTrip.estimate();
        const budget = Math.max(0, deadline - sentAt - lead);
        const reply = await run(
          keys,
          ['acquire', String(sentAt + lead), String(budget), member, release, ...bucketArgs],
          target,
        );
        roundTrip.observe(now() - sentAt);
        const [admitted, wait] = reply;
        const at = sentAt + lead + wait;
        if (!admitted) {
          throw new TryLaterError(
            `TikTok's rate limit for ${describeTarget(target)} is used up; capacity frees in ${wait} ms.`,
            Math.max(0, at - now()),
          );
        }
        if (at > now()) await sleep(at - now(), signal);
        // The log says we sent at `at`; TikTok's window counts when we really send. Woken up later
        // than the tolerance (a stalled event loop, a slow round trip), the slot no longer tells the
        // truth: hand it back and take a fresh one rather than risk a 429.
        if (now() - at <= lateToleranceMs) return;
        // Each round trip teaches the estimate; a process that keeps stalling gives up instead.
        if (late >= MAX_LATE_RETRIES) {
          throw new TryLaterError(
            `${describeTarget(target)} could not be sent within its rate-limit slot; trying again shortly.`,
            1000,
          );
        }
        release = member;
      }
    },

    async slowDown(target, signal, cause) {
      const all = planBuckets(target, limits);
      const cut = all.filter((bucket) => bucket.rule.scope === signal.scope);
      const retryAfter = signal.retryAfterMs;
      let delayMs = retryAfter ?? UNBUCKETED_DELAY_MS[signal.scope];
      if (cut.length > 0) {
        const [, wait] = await run(
          keysOf(all),
          [
            'penalize',
            String(now()),
            String(retryAfter ?? -1),
            '',
            '',
            ...argsFor(all, (bucket) => cut.includes(bucket)),
          ],
          target,
        );
        delayMs = Math.max(wait, retryAfter ?? 0);
      }
      return new TryLaterError(
        `TikTok rate-limited ${describeTarget(target)}; slowing down for ${delayMs} ms.`,
        delayMs,
        { cause },
      );
    },
  };
}

function holdOf(windowMs: number) {
  return windowMs < MIN_HOLD_MS ? windowMs * SHORT_WINDOW_HOLDS : windowMs;
}

/**
 * How long an acquire round trip takes, smoothed like TCP's retransmission timer (mean plus twice
 * the mean deviation), capped so one slow answer cannot push reservations far out.
 */
function roundTripEstimator() {
  let mean = 0;
  let deviation = 0;
  let seen = false;
  return {
    estimate: () => Math.min(MAX_LEAD_MS, Math.ceil(mean + 2 * deviation)),
    observe(sample: number) {
      if (!seen) {
        seen = true;
        mean = sample;
        deviation = sample / 2;
        return;
      }
      deviation = 0.75 * deviation + 0.25 * Math.abs(sample - mean);
      mean = 0.875 * mean + 0.125 * sample;
    },
  };
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
