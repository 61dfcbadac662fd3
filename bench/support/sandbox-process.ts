import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { startLocalKv } from '@/scripts/local-kv/start-local-kv';
import { hasRedis, TEST_REDIS_URL } from '@/tests/helpers/services';

export type SandboxProcess = {
  url: string;
  /** The sandbox process's id, so its memory is never counted as ours. */
  pid: number;
  close: () => Promise<void>;
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/**
 * The sandbox in its own Node process, the local Upstash endpoint in ours, and the app's env
 * pointed at both. TikTok is a remote server: its clock reads a request when it arrives, not when
 * our event loop gets round to it, and the data it holds (every bench video) is not our memory. An
 * in-process sandbox gets both wrong under load: a stall of the collector's loop bunches the
 * sandbox's view of arrival times, and seeding 200,000 videos puts the peak RSS at the start.
 */
export async function startSandboxProcess(): Promise<SandboxProcess & { closeKv: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', path.join(import.meta.dirname, '../../sandbox/main.ts')],
    {
      env: { ...process.env, SANDBOX_PORT: String(port), SANDBOX_SNAPSHOT: 'off' },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: false,
    },
  );
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.once('exit', (code) => reject(new Error(`sandbox exited (${code}) before listening`)));
    // Keeps reading after the banner, so the child never blocks on a full pipe.
    child.stdout?.on('data', (chunk: Buffer) => {
      if (seen.length > 10_000) return;
      seen += chunk.toString();
      if (seen.includes('TikTok sandbox on')) resolve();
    });
  });
  const url = `http://localhost:${port}`;
  const token = randomUUID();
  const kv = await startLocalKv({ port: 0, token, redisUrl: hasRedis ? TEST_REDIS_URL : undefined });
  Object.assign(process.env, {
    TIKTOK_AUTH_BASE_URL: url,
    TIKTOK_OPEN_API_BASE_URL: url,
    TIKTOK_BUSINESS_API_BASE_URL: url,
    UPSTASH_REDIS_REST_URL: kv.url,
    UPSTASH_REDIS_REST_TOKEN: token,
  });
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  };
  return { url, pid: child.pid ?? 0, close, closeKv: () => kv.close() };
}
