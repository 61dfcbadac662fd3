import 'server-only';
import { Redis } from '@upstash/redis';
import { env } from '@/lib/env';

export type CreateRedisOptions = {
  url: string;
  token: string;
  /** Off to see raw strings; on (the default) JSON-parses values as @upstash/redis normally does. */
  automaticDeserialization?: boolean;
  /** Fetch retries on network errors; @upstash/redis retries 5 times by default. */
  retries?: number;
};

/** One place that builds an @upstash/redis client, for Upstash and the local endpoint alike. */
export function createRedis({ url, token, automaticDeserialization, retries }: CreateRedisOptions): Redis {
  return new Redis({
    url,
    token,
    automaticDeserialization,
    enableTelemetry: false,
    retry:
      retries === undefined
        ? undefined
        : { retries, backoff: (attempt) => Math.min(1000, 50 * 2 ** attempt) },
  });
}

const globalForRedis = globalThis as unknown as { tokdeskRedis?: Redis };
let cached: Redis | undefined;

/**
 * The app-wide client, created on first use so importing this module never needs Redis. Cached on
 * `globalThis` outside production because dev hot reloads re-evaluate modules.
 */
export function getRedis(): Redis {
  cached ??=
    globalForRedis.tokdeskRedis ??
    createRedis({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN, retries: 2 });
  if (!env.isProduction) globalForRedis.tokdeskRedis = cached;
  return cached;
}
