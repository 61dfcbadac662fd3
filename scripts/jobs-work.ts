import { hostname } from 'node:os';
import { createDb } from '../lib/db/create-db';
import { JOB_REGISTRY } from '../lib/job-handlers';
import { DEFAULT_WORKER_CONCURRENCY } from '../lib/jobs/run-due-jobs';
import { startJobTicker } from '../lib/jobs/start-job-ticker';
import { loadEnvFiles } from './support/load-env-files';

/**
 * `npm run jobs:work`: a standalone worker for servers that run jobs apart from the web process
 * (set JOBS_TICKER=off on the web servers then). Any number may run at once. It keeps a pool of
 * JOBS_CONCURRENCY runs (default 64); when idle it is woken by a NOTIFY from whatever adds a job,
 * and polls every JOBS_POLL_MS (default 1000) in case it cannot LISTEN (behind a pooler).
 * Ctrl-C / SIGTERM stops claiming and lets running jobs finish. Runs under the `react-server`
 * condition so server-only modules load outside Next.
 */
loadEnvFiles(process.env.NODE_ENV !== 'production');
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  // PGlite is one process's database: a second process opening .data/pglite would corrupt it.
  console.error(
    '[tokdesk] jobs:work needs DATABASE_URL. With the embedded database, `npm run dev` and `npm start` already run jobs in-process.',
  );
  process.exit(1);
}

const pollMs = Number(process.env.JOBS_POLL_MS ?? 1000);
const concurrency = Number(process.env.JOBS_CONCURRENCY ?? DEFAULT_WORKER_CONCURRENCY);
const workerId = `worker:${hostname()}:${process.pid}`;
// Handlers' own queries, the claim, the finish batch and the lease heartbeat all need connections.
const handle = await createDb({ url: databaseUrl, maxConnections: Math.min(20, concurrency + 3) });
const worker = startJobTicker({
  getDb: async () => handle.db,
  registry: JOB_REGISTRY,
  workerId,
  pollMs,
  concurrency,
  listen: handle.listen,
});
console.log(`[tokdesk] job worker ${workerId} started (${concurrency} at once, poll every ${pollMs} ms)`);

await new Promise<void>((resolve) => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log(`[tokdesk] ${signal}: finishing running jobs, claiming no more`);
      resolve();
    });
  }
});
await worker.stop();
await handle.close();
console.log('[tokdesk] job worker stopped');
