import { Socket } from 'node:net';

/**
 * The machine's own PostgreSQL and Redis, which integration tests use when they run. CI always
 * has both (`CI=true` makes their absence a failure); a laptop with only Node runs the embedded
 * variants and says which real-service suites it left out.
 */
export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// Files run side by side in Vitest workers; each worker gets its own Redis database so app-wide keys
// (the limiter's per-app buckets, locks) of two files never meet. Database 0 stays the e2e stack's.
const workerDatabase = Number(process.env.VITEST_POOL_ID ?? 0) % 16;
export const TEST_REDIS_URL =
  process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? `redis://127.0.0.1:6379/${workerDatabase}`;

function reachable(rawUrl: string, defaultPort: number): Promise<boolean> {
  const url = new URL(rawUrl);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(Number(url.port || defaultPort), url.hostname, () => done(true));
  });
}

async function probe(name: string, rawUrl: string, defaultPort: number): Promise<boolean> {
  const ok = await reachable(rawUrl, defaultPort);
  if (!ok && process.env.CI) throw new Error(`${name} is required in CI but ${rawUrl} is not reachable`);
  if (!ok) console.warn(`[tests] ${name} not reachable at ${rawUrl}: its real-service suites are left out`);
  return ok;
}

export const hasPostgres = await probe('PostgreSQL', TEST_POSTGRES_URL, 5432);
export const hasRedis = await probe('Redis', TEST_REDIS_URL, 6379);
