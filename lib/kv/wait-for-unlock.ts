import 'server-only';
import type { Redis } from '@upstash/redis';
import { pollUntil } from './poll-until';

export type WaitForUnlockOptions = { waitMs: number };

/**
 * Waits, bounded, until nobody holds `key`. For callers that lost the race and only need the
 * holder's result (e.g. a refreshed token): returns true once it is free, false if `waitMs` ran out.
 */
export async function waitForUnlock(
  redis: Redis,
  key: string,
  { waitMs }: WaitForUnlockOptions,
): Promise<boolean> {
  const freed = await pollUntil(async () => ((await redis.exists(key)) === 0 ? true : null), waitMs);
  return freed === true;
}
