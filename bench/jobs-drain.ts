import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startIngestStack } from './support/ingest-stack';
import { runMaxThroughput } from './support/load-generator';

/**
 * `npm run bench -- jobs-drain [--jobs 100000] [--ingest-seconds 15] [--connections 32] [--concurrency N]`
 *
 * Can one standalone worker keep up with webhook ingest? In one run, on this machine:
 * 1. webhook ingest at full speed (signed deliveries, `next start`, the machine's PostgreSQL; the
 *    webhook-ingest bench's machinery) for a fixed time: events stored per second;
 * 2. with the app stopped, 100,000 trivial jobs queued, and one worker process (the `jobs:work`
 *    runner with a no-op handler) draining them: jobs finished per second.
 * Target: drain ≥ ingest, and ≥ 1,000 jobs/s. Last line: one JSON object with the figures.
 */
const { values: flags } = parseArgs({
  options: {
    jobs: { type: 'string', default: '100000' },
    'ingest-seconds': { type: 'string', default: '15' },
    connections: { type: 'string', default: '32' },
    concurrency: { type: 'string' },
    port: { type: 'string', default: '3300' },
  },
});
const JOBS = Number(flags.jobs);
const INGEST_MS = Number(flags['ingest-seconds']) * 1000;
const CONNECTIONS = Number(flags.connections);
const MIN_DRAIN_PER_SEC = 1000;
const log = (message: string) => console.error(`[bench] ${message}`);

const stack = await startIngestStack({ port: Number(flags.port), log });
const { sql } = stack;
process.once('SIGINT', () => void stack.cleanup().then(() => process.exit(130)));

try {
  log('warming up ingest');
  await runMaxThroughput({ port: stack.port, connections: 8, total: 2000, next: stack.webhook() });
  log(`ingest at full speed, ${CONNECTIONS} connections, ${INGEST_MS / 1000} s`);
  const [before] = await sql<{ n: number }[]>`select count(*)::int as n from webhook_events`;
  const ingest = await runMaxThroughput({
    port: stack.port,
    connections: CONNECTIONS,
    durationMs: INGEST_MS,
    next: stack.webhook(),
  });
  const [after] = await sql<{ n: number }[]>`select count(*)::int as n from webhook_events`;
  const storedDuringRun = (after?.n ?? 0) - (before?.n ?? 0);
  const ingestPerSec = Math.round(storedDuringRun / (ingest.durationMs / 1000));
  const loadDuringIngest = loadavg()[0];
  await stack.stopApp();

  log(`queueing ${JOBS} trivial jobs`);
  await sql`delete from jobs`;
  await sql`
    insert into jobs (id, type, payload, max_attempts, run_at)
    select gen_random_uuid()::text, 'bench.trivial', jsonb_build_object('n', i), 3, now() - interval '1 second'
    from generate_series(1, ${JOBS}) as i`;
  await sql`vacuum analyze jobs`;

  log('starting one worker process');
  const worker = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'bench/support/drain-worker.ts'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DRAIN_WORKER_DB_URL: stack.databaseUrl,
        ...(flags.concurrency ? { JOBS_CONCURRENCY: flags.concurrency } : {}),
      },
    },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the worker did not start in 60 s')), 60_000);
    worker.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('started')) {
        clearTimeout(timer);
        resolve();
      }
    });
    worker.once('exit', (code) => reject(new Error(`the worker exited (${code})`)));
  });
  const started = performance.now();
  let left = JOBS;
  while (left > 0 && performance.now() - started < 600_000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const [row] = await sql<{ left: number }[]>`
      select count(*)::int as left from jobs where status in ('pending', 'running', 'failed')`;
    left = row?.left ?? 0;
  }
  const drainMs = performance.now() - started;
  const loadDuringDrain = loadavg()[0];
  worker.kill('SIGTERM');
  await new Promise((resolve) => (worker.exitCode === null ? worker.once('exit', resolve) : resolve(null)));
  const [done] = await sql<{ succeeded: number; twice: number }[]>`
    select count(*) filter (where status = 'succeeded')::int as succeeded,
           count(*) filter (where attempts > 1)::int as twice
    from jobs`;
  const drainJobsPerSec = Math.round(((done?.succeeded ?? 0) / drainMs) * 1000);
  const ratio = drainJobsPerSec / Math.max(1, ingestPerSec);

  console.log('| measurement | count | seconds | per second |');
  console.log('| --- | --- | --- | --- |');
  console.log(
    `| webhook ingest (${CONNECTIONS} connections, full speed) | ${storedDuringRun} stored | ${(ingest.durationMs / 1000).toFixed(1)} | ${ingestPerSec} |`,
  );
  console.log(
    `| one worker draining trivial jobs | ${done?.succeeded ?? 0} of ${JOBS} | ${(drainMs / 1000).toFixed(1)} | ${drainJobsPerSec} |`,
  );
  console.log('');
  console.log(
    `drain / ingest: ${ratio.toFixed(2)} (target ≥ 1.00); drain ${drainJobsPerSec} jobs/s (target ≥ ${MIN_DRAIN_PER_SEC})`,
  );
  console.log(
    `jobs run more than once: ${done?.twice ?? 0}; load average (1 min) during ingest ${(loadDuringIngest ?? 0).toFixed(2)}, during drain ${(loadDuringDrain ?? 0).toFixed(2)}`,
  );
  const misses: string[] = [];
  if ((done?.succeeded ?? 0) < JOBS)
    misses.push(`only ${done?.succeeded ?? 0} of ${JOBS} jobs finished within 600 s`);
  if (ratio < 1) misses.push(`drain is ${((1 - ratio) * 100).toFixed(1)} % below the ingest rate`);
  if (drainJobsPerSec < MIN_DRAIN_PER_SEC) {
    misses.push(
      `drain is ${MIN_DRAIN_PER_SEC - drainJobsPerSec} jobs/s (${(((MIN_DRAIN_PER_SEC - drainJobsPerSec) / MIN_DRAIN_PER_SEC) * 100).toFixed(1)} %) below ${MIN_DRAIN_PER_SEC} jobs/s`,
    );
  }
  for (const miss of misses) console.error(`[bench] target missed: ${miss}`);
  await stack.cleanup();
  console.log(
    JSON.stringify({ drainJobsPerSec, ingestPerSec, drainToIngestRatio: Number(ratio.toFixed(3)) }),
  );
  process.exit(misses.length === 0 ? 0 : 1);
} catch (error) {
  console.error(error);
  await stack.cleanup();
  process.exit(1);
}
