import 'server-only';
import type { Redis } from '@upstash/redis';
import { type AcquireLockOptions, acquireLock, type Lock } from './acquire-lock';
import { LockTimeoutError } from './lock-timeout-error';
import { releaseLock } from './release-lock';

export type WithLockOptions = Required<AcquireLockOptions>;

/**
 * Runs `fn` while holding `key`, releasing it afterwards even when `fn` throws. Throws
 * `LockTimeoutError` if the lock could not be taken within `waitMs`.
 */
export async function withLock<T>(
  redis: Redis,
  key: string,
  { ttlMs, waitMs }: WithLockOptions,
  fn: (lock: Lock) => Promise<T>,
): Promise<T> {
  const lock = await acquireLock(redis, key, { ttlMs, waitMs });
  if (!lock) throw new LockTimeoutError(key, waitMs);
  try {
    return await fn(lock);
  } finally {
    await releaseLock(redis, lock).catch((error: unknown) => {
      // The TTL frees it anyway; failing the finished work over this would be worse.
      console.warn(`[kv] could not release lock "${key}":`, error instanceof Error ? error.message : error);
    });
  }
}
