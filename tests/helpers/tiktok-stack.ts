import { randomUUID } from 'node:crypto';
import { createRedis } from '@/lib/kv/redis';
import { type RunningSandbox, startSandbox } from '@/sandbox/server';
import { type LocalKv, startLocalKv } from '@/scripts/local-kv/start-local-kv';
import { hasRedis, TEST_REDIS_URL } from './services';

export type TikTokStack = {
  sandbox: RunningSandbox;
  kv: LocalKv;
  redis: ReturnType<typeof createRedis>;
  requestCount: (endpoint: string) => Promise<number>;
  clearRequests: () => Promise<void>;
  addFault: (fault: Record<string, unknown>) => Promise<void>;
  clearFaults: () => Promise<void>;
  close: () => Promise<void>;
};

/**
 * The sandbox in-process and the local Upstash endpoint (in front of the real Redis when there is
 * one), with the app's env pointed at both. Call before anything reads `env`: it is parsed once.
 */
export async function startTikTokStack(): Promise<TikTokStack> {
  const sandbox = await startSandbox({ port: 0, snapshotPath: null, publishStageMs: 20 });
  const token = randomUUID();
  const kv = await startLocalKv({ port: 0, token, redisUrl: hasRedis ? TEST_REDIS_URL : undefined });
  Object.assign(process.env, {
    TIKTOK_AUTH_BASE_URL: sandbox.url,
    TIKTOK_OPEN_API_BASE_URL: sandbox.url,
    TIKTOK_BUSINESS_API_BASE_URL: sandbox.url,
    UPSTASH_REDIS_REST_URL: kv.url,
    UPSTASH_REDIS_REST_TOKEN: token,
  });
  const control = (path: string, init?: RequestInit) => fetch(`${sandbox.url}/_sandbox/${path}`, init);
  return {
    sandbox,
    kv,
    redis: createRedis({ url: kv.url, token }),
    requestCount: async (endpoint) => {
      const body = (await (await control('requests?limit=1')).json()) as { counts: Record<string, number> };
      return body.counts[endpoint] ?? 0;
    },
    clearRequests: async () => {
      await control('requests', { method: 'DELETE' });
    },
    addFault: async (fault) => {
      await control('faults', { method: 'POST', body: JSON.stringify(fault) });
    },
    clearFaults: async () => {
      await control('faults', { method: 'DELETE' });
    },
    close: async () => {
      await control('faults', { method: 'DELETE' });
      await sandbox.close();
      await kv.close();
    },
  };
}
