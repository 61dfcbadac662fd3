import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { DEFAULT_CREDENTIALS } from '../../../sandbox/core/config';
import { startSandbox } from '../../../sandbox/server';
import { startEmbeddedKv } from '../../../scripts/support/start-embedded-kv';
import { hasPostgres, hasRedis, TEST_POSTGRES_URL, TEST_REDIS_URL } from '../../helpers/services';
import { E2E } from './e2e-config';

/**
 * Playwright's web server: a fresh database on the machine's PostgreSQL, the local Upstash endpoint
 * in front of the real Redis, the TikTok sandbox, and `npm start` (migrations + `next start`) on
 * the build from `next build`. Everything is torn down, and the database dropped, on SIGTERM.
 */
if (!hasPostgres) {
  console.error(`[e2e] PostgreSQL is required for end-to-end tests (looked at ${TEST_POSTGRES_URL}).`);
  process.exit(1);
}

const dbName = `tokdesk_e2e_${randomBytes(5).toString('hex')}`;
const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${dbName}`);
const databaseUrl = new URL(TEST_POSTGRES_URL);
databaseUrl.pathname = `/${dbName}`;

const kv = await startEmbeddedKv(E2E.kvPort, hasRedis ? TEST_REDIS_URL : undefined);
process.env.APP_URL = E2E.appUrl;
const sandbox = await startSandbox({ port: E2E.sandboxPort, snapshotPath: null, publishStageMs: 200 });
const sandboxUrl = sandbox.ctx.config.publicUrl;

const secret = () => randomBytes(32).toString('base64');
// The server's output goes to the console and to a file the leak test greps for secrets.
mkdirSync(path.dirname(E2E.serverLogPath), { recursive: true });
rmSync(E2E.storageDir, { recursive: true, force: true });
const serverLog = createWriteStream(E2E.serverLogPath, { flags: 'w' });
const app = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(E2E.appPort),
    APP_URL: E2E.appUrl,
    AUTH_SECRET: secret(),
    DATABASE_URL: databaseUrl.toString(),
    UPSTASH_REDIS_REST_URL: kv.url,
    UPSTASH_REDIS_REST_TOKEN: 'tokdesk-local-kv-token',
    TOKEN_ENCRYPTION_KEYS: `e2e:${secret()}`,
    // Its own folder, emptied per run, so end-to-end files never mix with `npm run dev`'s.
    STORAGE_DIR: E2E.storageDir,
    CRON_SECRET: secret(),
    TIKTOK_CLIENT_KEY: DEFAULT_CREDENTIALS.loginKit.id,
    TIKTOK_CLIENT_SECRET: DEFAULT_CREDENTIALS.loginKit.secret,
    TIKTOK_BUSINESS_APP_ID: DEFAULT_CREDENTIALS.business.id,
    TIKTOK_BUSINESS_APP_SECRET: DEFAULT_CREDENTIALS.business.secret,
    TIKTOK_ADS_APP_ID: DEFAULT_CREDENTIALS.marketing.id,
    TIKTOK_ADS_APP_SECRET: DEFAULT_CREDENTIALS.marketing.secret,
    TIKTOK_AUTH_BASE_URL: sandboxUrl,
    TIKTOK_OPEN_API_BASE_URL: sandboxUrl,
    TIKTOK_BUSINESS_API_BASE_URL: sandboxUrl,
    // Photo posts are pulled by TikTok from our signed media URLs (the sandbox verifies APP_URL).
    TIKTOK_VERIFIED_URL_PREFIXES: `${E2E.appUrl}/api/media/`,
    // E-mail stays in the outbox, which the tests read at /dev/outbox as a developer would.
    EMAIL_OUTBOX: '1',
    // The tests play the one proxy in front of the app: each browser context sends the
    // X-Forwarded-For a proxy would have written (fixtures.ts), so per-IP limits tell them apart.
    TRUSTED_PROXY_HOPS: '1',
    // The app clock moves with the sandbox's (tests/e2e/support/time-travel.ts).
    TIME_TRAVEL: '1',
    E2E: '1',
  },
});

for (const stream of [app.stdout, app.stderr]) {
  stream?.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    serverLog.write(chunk);
  });
}

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (app.exitCode === null) app.kill('SIGTERM');
  await new Promise((resolve) => (app.exitCode === null ? app.once('exit', resolve) : resolve(null)));
  await Promise.allSettled([sandbox.close(), kv.close()]);
  await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  await admin.end();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));
app.on('exit', (code) => void stop(code ?? 1));
