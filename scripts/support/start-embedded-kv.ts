import { type LocalKv, startLocalKv } from '../local-kv/start-local-kv';

export const LOCAL_KV_TOKEN = 'tokdesk-local-kv-token';

/** The local Upstash-compatible endpoint on `port`, or on any free port when that one is taken. */
export async function startEmbeddedKv(port: number, redisUrl: string | undefined): Promise<LocalKv> {
  try {
    return await startLocalKv({ port, token: LOCAL_KV_TOKEN, redisUrl });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startLocalKv({ port: 0, token: LOCAL_KV_TOKEN, redisUrl });
  }
}
