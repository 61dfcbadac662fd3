import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { startEmbeddedKv } from '../scripts/support/start-embedded-kv';
import { hasPostgres, TEST_POSTGRES_URL } from '../tests/helpers/services';
import { ensureBuild } from './support/ensure-build';
import { type LoadResult, runFixedRate, runMaxThroughput } from './support/load-generator';

/**
 * `npm run bench -- webhook-ingest [--events 100000] [--rate 500] [--fixed-seconds 20]
 * [--connections 32] [--baseline-seconds 10] [--duplicate-every 100]`
 *
 * Webhook ingest (signed, verified, stored with its job) against `next start` on a fresh database
 * on the machine's PostgreSQL, next to a trivial route handler measured in the same run. Prints a
 * table and, as the very last line, one JSON object with the same figures.
 */
const { values: flags } = parseArgs({
  options: {
    events: { type: 'string', default: '100000' },
    rate: { type: 'string', default: '500' },
    'fixed-seconds': { type: 'string', default: '20' },
    connections: { type: 'string', default: '32' },
    'baseline-seconds': { type: 'string', default: '10' },
    'duplicate-every': { type: 'string', default: '100' },
    port: { type: 'string', default: '3300' },
    // off: the web process only ingests and a standalone worker drains the queue afterwards, the
    // set-up docs/webhooks-and-jobs.md recommends for high webhook volume; on: the default ticker.
    ticker: { type: 'string', default: 'off' },
  },
});
const EVENTS = Number(flags.events);
const RATE = Number(flags.rate);
const FIXED_MS = Number(flags['fixed-seconds']) * 1000;
const CONNECTIONS = Number(flags.connections);
const BASELINE_MS = Number(flags['baseline-seconds']) * 1000;
const DUPLICATE_EVERY = Number(flags['duplicate-every']);
const PORT = Number(flags.port);
const SECRET = `bench-secret-${randomBytes(8).toString('hex')}`;
const CLIENT_KEY = 'benchclientkey01';
const WEBHOOK_PATH = '/api/webhooks/tiktok';
const NOOP_PATH = '/api/bench/noop';

if (!hasPostgres) {
  console.error(`[bench] PostgreSQL is required (looked at ${TEST_POSTGRES_URL}).`);
  process.exit(1);
}
const log = (message: string) => console.error(`[bench] ${message}`);

await ensureBuild(log);

const dbName = `tokdesk_bench_${randomBytes(5).toString('hex')}`;
const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${dbName}`);
const databaseUrl = new URL(TEST_POSTGRES_URL);
databaseUrl.pathname = `/${dbName}`;
const kv = await startEmbeddedKv(PORT + 80, undefined);
const appUrl = `http://127.0.0.1:${PORT}`;
const app = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(PORT),
    APP_URL: appUrl,
    AUTH_SECRET: randomBytes(32).toString('base64'),
    DATABASE_URL: databaseUrl.toString(),
    UPSTASH_REDIS_REST_URL: kv.url,
    UPSTASH_REDIS_REST_TOKEN: 'tokdesk-local-kv-token',
    TOKEN_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    CRON_SECRET: randomBytes(24).toString('hex'),
    TIKTOK_CLIENT_KEY: CLIENT_KEY,
    TIKTOK_CLIENT_SECRET: SECRET,
    BENCH_ROUTES: '1',
    EMAIL_OUTBOX: '1',
    JOBS_TICKER: flags.ticker === 'off' ? 'off' : 'on',
  },
});
const sql = postgres(databaseUrl.toString(), { max: 1, onnotice: () => {} });

async function cleanup() {
  if (app.exitCode === null) app.kill('SIGTERM');
  await new Promise((resolve) => (app.exitCode === null ? app.once('exit', resolve) : resolve(null)));
  await sql.end().catch(() => {});
  await kv.close().catch(() => {});
  await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  await admin.end();
}
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  await waitForHealth();
  const bodies: string[] = [];
  let unique = 0;
  const runTag = randomBytes(4).toString('hex');
  // Each event is new (a counter in its content) unless it is a planned redelivery of an earlier one.
  const webhook = (options: { duplicates: boolean }) => (i: number) => {
    const previous = bodies[Math.floor(Math.random() * bodies.length)];
    let body: string;
    let duplicate = false;
    if (options.duplicates && i > 0 && i % DUPLICATE_EVERY === 0 && previous) {
      body = previous;
      duplicate = true;
    } else {
      unique += 1;
      body = JSON.stringify({
        client_key: CLIENT_KEY,
        event: 'post.publish.complete',
        create_time: Math.floor(Date.now() / 1000),
        user_openid: `bench-open-${unique % 500}`,
        content: JSON.stringify({
          publish_id: `v_pub_url~v2-1.${runTag}.${unique}`,
          publish_type: 'DIRECT_POST',
        }),
      });
      if (bodies.length < 10_000) bodies.push(body);
    }
    if (duplicate) duplicatesSent += 1;
    const t = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
    return { path: WEBHOOK_PATH, body, headers: { 'tiktok-signature': `t=${t},s=${signature}` } };
  };
  let duplicatesSent = 0;
  const noopBody = '{"client_key":"x","event":"noop","create_time":0,"user_openid":"x","content":"{}"}';
  const noop = () => ({ path: NOOP_PATH, body: noopBody });

  log('warming up (JIT, route compilation, connection pools)');
  await runMaxThroughput({ port: PORT, connections: 8, total: 2000, next: noop });
  await runMaxThroughput({ port: PORT, connections: 8, total: 2000, next: webhook({ duplicates: false }) });

  log(`fixed rate ${RATE} req/s for ${FIXED_MS / 1000} s: baseline`);
  const noopFixed = await runFixedRate({
    port: PORT,
    connections: 64,
    rate: RATE,
    durationMs: FIXED_MS,
    next: noop,
  });
  log(`fixed rate ${RATE} req/s for ${FIXED_MS / 1000} s: webhook ingest`);
  const ingestFixed = await runFixedRate({
    port: PORT,
    connections: 64,
    rate: RATE,
    durationMs: FIXED_MS,
    next: webhook({ duplicates: false }),
  });

  log(`full speed, ${CONNECTIONS} connections, ${BASELINE_MS / 1000} s: baseline`);
  const noopMax = await runMaxThroughput({
    port: PORT,
    connections: CONNECTIONS,
    durationMs: BASELINE_MS,
    next: noop,
  });
  log(
    `full speed, ${CONNECTIONS} connections: ${EVENTS} webhook events (+ a redelivery every ${DUPLICATE_EVERY})`,
  );
  const uniqueBefore = unique;
  duplicatesSent = 0;
  const total = EVENTS + Math.floor(EVENTS / (DUPLICATE_EVERY - 1));
  const ingestMax = await runMaxThroughput({
    port: PORT,
    connections: CONNECTIONS,
    total,
    next: webhook({ duplicates: true }),
  });
  const sentEvents = unique - uniqueBefore;

  const [stored] = await sql<{ events: number; jobs: number }[]>`
    select (select count(*)::int from webhook_events) as events,
           (select count(*)::int from jobs where type = 'webhooks.process-event') as jobs`;
  let worker: ReturnType<typeof spawn> | null = null;
  if (flags.ticker === 'off') {
    log('starting a standalone worker (npm run jobs:work) to drain the queue');
    worker = spawn(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'scripts/jobs-work.ts'],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: databaseUrl.toString(),
          EMAIL_OUTBOX: '1',
          JOBS_POLL_MS: '200',
        },
      },
    );
  }
  log('waiting for the job runner to work through the queue (up to 300 s)');
  const drain = await waitForDrain(300_000);
  worker?.kill('SIGTERM');

  const ratio = ingestMax.requestsPerSecond / Math.max(1, noopMax.requestsPerSecond);
  const results = {
    bench: 'webhook-ingest',
    at: new Date().toISOString(),
    connections: CONNECTIONS,
    baseline: { fixedRate: pick(noopFixed), fullSpeed: pick(noopMax) },
    ingest: { fixedRate: pick(ingestFixed), fullSpeed: pick(ingestMax) },
    throughputRatio: Number(ratio.toFixed(3)),
    sentUniqueTotal: unique,
    fullSpeedUniqueSent: sentEvents,
    duplicatesSent,
    storedEvents: stored?.events ?? 0,
    storedJobs: stored?.jobs ?? 0,
    jobRunner: flags.ticker === 'off' ? 'standalone worker (jobs:work)' : 'in-process ticker',
    queueDrainedInMs: drain,
    targets: {
      throughputRatioAtLeast50Percent: ratio >= 0.5,
      p99AtFixedRateAtMost50ms: ingestFixed.p99Ms <= 50,
      everyUniqueEventStoredOnce: stored?.events === unique && stored?.jobs === unique,
      allResponses200: [ingestFixed, ingestMax].every((r) => r.ok === r.sent && r.errors === 0),
    },
  };
  printTable(results, { noopFixed, ingestFixed, noopMax, ingestMax });
  await cleanup();
  console.log(JSON.stringify(results));
  process.exit(Object.values(results.targets).every(Boolean) ? 0 : 1);
} catch (error) {
  console.error(error);
  await cleanup();
  process.exit(1);
}

function pick(result: LoadResult) {
  const { sent, ok, errors, requestsPerSecond, p50Ms, p99Ms, maxMs, statuses } = result;
  return { sent, ok, errors, requestsPerSecond, p50Ms, p99Ms, maxMs, statuses };
}

async function waitForHealth() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error('the app exited during start-up');
    const ok = await fetch(`${appUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error('the app did not become healthy in 120 s');
}

/** Milliseconds until no processing job is left unfinished, or null when it took longer than `limitMs`. */
async function waitForDrain(limitMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    const [row] = await sql<{ left: number }[]>`
      select count(*)::int as left from jobs where type = 'webhooks.process-event' and status <> 'succeeded'`;
    if ((row?.left ?? 1) === 0) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return null;
}

function printTable(
  results: {
    throughputRatio: number;
    sentUniqueTotal: number;
    duplicatesSent: number;
    storedEvents: number;
    storedJobs: number;
    queueDrainedInMs: number | null;
  },
  runs: Record<'noopFixed' | 'ingestFixed' | 'noopMax' | 'ingestMax', LoadResult>,
) {
  const rows = [
    ['baseline (trivial route)', `fixed ${RATE}/s`, runs.noopFixed],
    ['webhook ingest', `fixed ${RATE}/s`, runs.ingestFixed],
    ['baseline (trivial route)', 'full speed', runs.noopMax],
    ['webhook ingest', 'full speed', runs.ingestMax],
  ] as const;
  const header = ['route', 'load', 'sent', 'non-200', 'req/s', 'p50 ms', 'p99 ms', 'max ms'];
  const lines = rows.map(([route, load, r]) => [
    route,
    load,
    String(r.sent),
    String(r.sent - r.ok + r.errors),
    String(r.requestsPerSecond),
    r.p50Ms.toFixed(2),
    r.p99Ms.toFixed(2),
    r.maxMs.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(format(header));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const line of lines) console.log(format(line));
  console.log('');
  console.log(
    `ingest / baseline throughput: ${(results.throughputRatio * 100).toFixed(1)} % (target ≥ 50 %)`,
  );
  console.log(`p99 at ${RATE} req/s: ${runs.ingestFixed.p99Ms.toFixed(2)} ms (target ≤ 50 ms)`);
  console.log(
    `unique events sent ${results.sentUniqueTotal} → stored ${results.storedEvents} events, ${results.storedJobs} jobs; redeliveries sent ${results.duplicatesSent}, stored 0 extra`,
  );
  console.log(
    `queue (${results.storedJobs} processing jobs) drained ${results.queueDrainedInMs === null ? 'not within 300 s' : `${(results.queueDrainedInMs / 1000).toFixed(1)} s after the last request`}`,
  );
}
