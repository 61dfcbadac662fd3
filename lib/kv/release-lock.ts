import 'server-only';
import type { Redis } from '@upstash/redis';
import type { Lock } from './acquire-lock';

// Compare and delete in one step: a GET then DEL could delete a lock that expired and was re-taken in between.
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/** Frees the lock only if `lock` still owns it. Returns false when it had expired or belongs to someone else. */
export async function releaseLock(redis: Redis, lock: Lock): Promise<boolean> {
  const deleted = await redis.eval<[string], number>(RELEASE_SCRIPT, [lock.key], [lock.token]);
  return deleted === 1;
}
