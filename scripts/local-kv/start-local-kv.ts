import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKvRequestHandler } from './handle-kv-request';
import type { KvBackend, KvBackendKind } from './kv-backend';
import { createMemoryBackend } from './memory-backend';
import { createRedisBackend } from './redis-backend';

export type StartLocalKvOptions = {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  token: string;
  /** A real Redis to front; without it the store is embedded and in memory. */
  redisUrl?: string;
};

export type LocalKv = { url: string; backend: KvBackendKind; close(): Promise<void> };

/**
 * Starts an Upstash-REST-compatible endpoint so dev and tests use the same @upstash/redis client
 * as production. No `server-only` here: plain Node scripts start it too.
 */
export async function startLocalKv({
  port,
  host = '127.0.0.1',
  token,
  redisUrl,
}: StartLocalKvOptions): Promise<LocalKv> {
  const backend: KvBackend = redisUrl ? await createRedisBackend(redisUrl) : createMemoryBackend();
  const server = createServer(createKvRequestHandler({ backend, token }));
  // Clients keep connections alive; without this, close() would wait for them to time out.
  server.keepAliveTimeout = 1000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    await backend.close();
    throw error;
  }

  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    backend: backend.kind,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await backend.close();
    },
  };
}
