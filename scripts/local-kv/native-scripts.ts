import type { Redis } from 'ioredis';

type NativeScript = (mock: Redis, keys: string[]) => Promise<unknown>;

/**
 * Scripts the embedded Lua VM gets wrong, keyed by SHA-1, with the same effect written in JS.
 * @upstash/ratelimit's reset deletes keys while walking a SCAN reply, and ioredis-mock hands Lua
 * a reply that shifts under it, so the script crashes after the first deletion batch.
 */
export const NATIVE_SCRIPTS = new Map<string, NativeScript>([
  [
    '54bd274ddc59fb3be0f42deee2f64322a10e2b50',
    async (mock, [pattern = '']) => {
      const keys = await mock.keys(pattern);
      if (keys.length > 0) await mock.del(...keys);
      return null;
    },
  ],
]);
