import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startIngestStack } from './support/ingest-stack';
import { type LoadResult, runFixedRate, runMaxThroughput } from './support/load-generator';
import { startJobWorker, stopJobWorker } from './support/start-job-worker';

/**
 * `npm run bench -- webhook-ingest [--events 100000] [--rate 500] [--fixed-seconds 20]
 * [--connections 32] [--baseline-seconds 10] [--duplicate-every 100]`
 *
 * Webhook ingest (signed, verified, stored with its job) against `next start` on a fresh database
 * on the machine's PostgreSQL, next to a trivial route handler measured in the same run; then a
 * standalone worker drains the queue it filled. Prints a table and, as the very last line, one
 * JSON object with the same figures.
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
    // set-up the README recommends for high webhook volume; on: the default ticker.
    ticker: { type: 'string', default: 'off' },
    'drain-seconds': { type: 'string', default: '300' },
  },
});
const EVENTS = Number(flags.events);
const RATE = Number(flags.rate);
const FIXED_MS = Number(flags['fixed-seconds']) * 1000;
const CONNECTIONS = Number(flags.connections);
const BASELINE_MS = Number(flags['baseline-seconds']) * 1000;
const DUPLICATE_EVERY = Number(flags['duplicate-every']);
const PORT = Number(flags.port);
const DRAIN_MS = Number(flags['drain-seconds']) * 1000;
const log = (message: string) => console.error(`[bench] ${message}`);

const stack = await startIngestStack({ port: PORT, ticker: flags.ticker === 'off' ? 'off' : 'on', log });
const { sql, counts } = stack;
process.once('SIGINT', () => void stack.cleanup().then(() => process.exit(130)));

try {
  const webhook = (options: { duplicates: boolean }) =>
    stack.webhook({ redeliverEvery: options.duplicates ? DUPLICATE_EVERY : undefined });
  const noop = stack.noop;

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
  const uniqueBefore = counts.unique;
  counts.duplicates = 0;
  const total = EVENTS + Math.floor(EVENTS / (DUPLICATE_EVERY - 1));
  const ingestMax = await runMaxThroughput({
    port: PORT,
    connections: CONNECTIONS,
    total,
    next: webhook({ duplicates: true }),
  });
  const sentEvents = counts.unique - uniqueBefore;
  const duplicatesSent = counts.duplicates;
  const unique = counts.unique;

  const [stored] = await sql<{ events: number; jobs: number }[]>`
    select (select count(*)::int from webhook_events) as events,
           (select count(*)::int from jobs where type = 'webhooks.process-event') as jobs`;
  let worker: ChildProcess | null = null;
  if (flags.ticker === 'off') {
    // Ingest is over: the web process would only idle next to the worker.
    await stack.stopApp();
    log('starting a standalone worker (npm run jobs:work) to drain the queue');
    worker = startJobWorker({ databaseUrl: stack.databaseUrl, pollMs: 200 });
  }
  log(`waiting for the job runner to work through the queue (up to ${DRAIN_MS / 1000} s)`);
  const drain = await waitForDrain(DRAIN_MS);
  await stopJobWorker(worker);
  const storedJobs = stored?.jobs ?? 0;

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
    drainJobsPerSec: drain === null ? null : Math.round(storedJobs / (drain / 1000)),
    targets: {
      throughputRatioAtLeast50Percent: ratio >= 0.5,
      p99AtFixedRateAtMost50ms: ingestFixed.p99Ms <= 50,
      everyUniqueEventStoredOnce: stored?.events === unique && stored?.jobs === unique,
      allResponses200: [ingestFixed, ingestMax].every((r) => r.ok === r.sent && r.errors === 0),
      queueDrained: drain !== null,
    },
  };
  printTable(results, { noopFixed, ingestFixed, noopMax, ingestMax });
  await stack.cleanup();
  console.log(JSON.stringify(results));
  process.exit(Object.values(results.targets).every(Boolean) ? 0 : 1);
} catch (error) {
  console.error(error);
  await stack.cleanup();
  process.exit(1);
}

function pick(result: LoadResult) {
  const { sent, ok, errors, requestsPerSecond, p50Ms, p99Ms, maxMs, statuses } = result;
  return { sent, ok, errors, requestsPerSecond, p50Ms, p99Ms, maxMs, statuses };
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
    `queue (${results.storedJobs} processing jobs) drained ${results.queueDrainedInMs === null ? `not within ${DRAIN_MS / 1000} s` : `${(results.queueDrainedInMs / 1000).toFixed(1)} s after the last request`}`,
  );
}
