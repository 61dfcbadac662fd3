import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { startEmbeddedKv } from '../../scripts/support/start-embedded-kv';
import { hasPostgres, TEST_POSTGRES_URL } from '../../tests/helpers/services';
import { ensureBuild } from './ensure-build';
import type { LoadRequest } from './load-generator';

export const WEBHOOK_PATH = '/api/webhooks/tiktok';
export const BUSINESS_WEBHOOK_PATH = '/api/webhooks/tiktok-business';
export const NOOP_PATH = '/api/bench/noop';
const CLIENT_KEY = 'benchclientkey01';
export const BUSINESS_APP_ID = '7100000000000000042';

export type IngestStack = {
  appUrl: string;
  port: number;
  databaseUrl: string;
  /** The app's `AUTH_SECRET`, to mint session cookies for its users. */
  authSecret: string;
  /** A signed delivery of `body` to the developer-app webhook (`tiktok`) or the Business one. */
  signed: (source: 'tiktok' | 'tiktok-business', body: string) => LoadRequest;
  /** A one-connection client on the bench database. */
  sql: postgres.Sql;
  /** Builds signed `post.publish.complete` deliveries; unique unless `redeliverEvery` says otherwise. */
  webhook: (options?: { redeliverEvery?: number }) => (i: number) => LoadRequest;
  /** Unique events built so far, and planned redeliveries. */
  counts: { unique: number; duplicates: number };
  noop: () => LoadRequest;
  /** Stops the app (the database stays, for a worker to drain). */
  stopApp: () => Promise<void>;
  cleanup: () => Promise<void>;
};

/**
 * The webhook-ingest set-up shared by the benches: a fresh database on the machine's PostgreSQL,
 * the local Upstash endpoint, and `next start` (the production build) with the in-process job
 * ticker off, so the web process only ingests. Deliveries are signed just in time.
 */
export async function startIngestStack(options: {
  port: number;
  ticker?: 'on' | 'off';
  log: (message: string) => void;
}): Promise<IngestStack> {
  if (!hasPostgres) throw new Error(`PostgreSQL is required (looked at ${TEST_POSTGRES_URL}).`);
  await ensureBuild(options.log);
  const secret = `bench-secret-${randomBytes(8).toString('hex')}`;
  const businessSecret = `bench-business-secret-${randomBytes(8).toString('hex')}`;
  const authSecret = randomBytes(32).toString('base64');
  const dbName = `tokdesk_bench_${randomBytes(5).toString('hex')}`;
  const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  const databaseUrl = new URL(TEST_POSTGRES_URL);
  databaseUrl.pathname = `/${dbName}`;
  const kv = await startEmbeddedKv(options.port + 80, undefined);
  const appUrl = `http://127.0.0.1:${options.port}`;
  let app: ChildProcess | null = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(options.port),
      APP_URL: appUrl,
      AUTH_SECRET: authSecret,
      DATABASE_URL: databaseUrl.toString(),
      UPSTASH_REDIS_REST_URL: kv.url,
      UPSTASH_REDIS_REST_TOKEN: 'tokdesk-local-kv-token',
      TOKEN_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      CRON_SECRET: randomBytes(24).toString('hex'),
      TIKTOK_CLIENT_KEY: CLIENT_KEY,
      TIKTOK_CLIENT_SECRET: secret,
      TIKTOK_BUSINESS_APP_ID: BUSINESS_APP_ID,
      TIKTOK_BUSINESS_APP_SECRET: businessSecret,
      BENCH_ROUTES: '1',
      // Production refuses to start without SMTP unless the local outbox is chosen explicitly.
      EMAIL_OUTBOX: '1',
      JOBS_TICKER: options.ticker ?? 'off',
    },
  });
  const sql = postgres(databaseUrl.toString(), { max: 1, onnotice: () => {} });

  const stopApp = async () => {
    const running = app;
    app = null;
    if (!running || running.exitCode !== null) return;
    running.kill('SIGTERM');
    await new Promise((resolve) => running.once('exit', resolve));
  };
  const cleanup = async () => {
    await stopApp();
    await sql.end().catch(() => {});
    await kv.close().catch(() => {});
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end();
  };

  // Signed at send time, as TikTok does: the signature's timestamp is checked against a tolerance.
  const signed = (source: 'tiktok' | 'tiktok-business', body: string): LoadRequest => {
    const t = Math.floor(Date.now() / 1000);
    const key = source === 'tiktok' ? secret : businessSecret;
    const signature = createHmac('sha256', key).update(`${t}.${body}`).digest('hex');
    return {
      path: source === 'tiktok' ? WEBHOOK_PATH : BUSINESS_WEBHOOK_PATH,
      body,
      headers: { 'tiktok-signature': `t=${t},s=${signature}` },
    };
  };
  const counts = { unique: 0, duplicates: 0 };
  const bodies: string[] = [];
  const runTag = randomBytes(4).toString('hex');
  const webhook =
    ({ redeliverEvery }: { redeliverEvery?: number } = {}) =>
    (i: number): LoadRequest => {
      const previous = bodies[Math.floor(Math.random() * bodies.length)];
      let body: string;
      if (redeliverEvery && i > 0 && i % redeliverEvery === 0 && previous) {
        body = previous;
        counts.duplicates += 1;
      } else {
        counts.unique += 1;
        body = JSON.stringify({
          client_key: CLIENT_KEY,
          event: 'post.publish.complete',
          create_time: Math.floor(Date.now() / 1000),
          user_openid: `bench-open-${counts.unique % 500}`,
          content: JSON.stringify({
            publish_id: `v_pub_url~v2-1.${runTag}.${counts.unique}`,
            publish_type: 'DIRECT_POST',
          }),
        });
        if (bodies.length < 10_000) bodies.push(body);
      }
      return signed('tiktok', body);
    };
  const noopBody = '{"client_key":"x","event":"noop","create_time":0,"user_openid":"x","content":"{}"}';

  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (app?.exitCode !== null) throw new Error('the app exited during start-up');
      const ok = await fetch(`${appUrl}/api/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error('the app did not become healthy in 120 s');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  return {
    appUrl,
    port: options.port,
    databaseUrl: databaseUrl.toString(),
    authSecret,
    signed,
    sql,
    webhook,
    counts,
    noop: () => ({ path: NOOP_PATH, body: noopBody }),
    stopApp,
    cleanup,
  };
}
