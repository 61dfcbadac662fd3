import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Redis } from '@upstash/redis';
import { pollUntil } from './poll-until';

export type Lock = {
  key: string;
  /** Proves ownership at release; random so a late holder can never free someone else's lock. */
  token: string;
};

export type AcquireLockOptions = {
  /** The lock frees itself after this long even if its holder dies; keep it above the work's duration. */
  ttlMs: number;
  /** How long to keep trying while someone else holds it; 0 tries once. */
  waitMs?: number;
};

/** Takes `key` with `SET NX PX`, retrying with backoff for up to `waitMs`. Returns null if it stayed held. */
export async function acquireLock(
  redis: Redis,
  key: string,
  { ttlMs, waitMs = 0 }: AcquireLockOptions,
): Promise<Lock | null> {
  const token = randomUUID();
  return pollUntil(async () => {
    const reply = await redis.set(key, token, { nx: true, px: ttlMs });
    return reply === 'OK' ? { key, token } : null;
  }, waitMs);
}
