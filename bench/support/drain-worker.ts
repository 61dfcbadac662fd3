import { z } from 'zod';
import { createDb } from '../../lib/db/create-db';
import { defineJob, handleJob } from '../../lib/jobs/define-job';
import { createJobRegistry } from '../../lib/jobs/job-registry';
import { DEFAULT_WORKER_CONCURRENCY } from '../../lib/jobs/run-due-jobs';
import { startJobTicker } from '../../lib/jobs/start-job-ticker';

/**
 * The jobs-drain bench's worker process: `npm run jobs:work`'s runner (the same continuous pool,
 * batch claims, group-committed finishes, lease heartbeat, connection pool size) with one trivial
 * job type instead of the app's handlers. Says "started" once it runs; SIGTERM stops it.
 */
const url = process.env.DRAIN_WORKER_DB_URL;
if (!url) throw new Error('DRAIN_WORKER_DB_URL is required');
const concurrency = Number(process.env.JOBS_CONCURRENCY ?? DEFAULT_WORKER_CONCURRENCY);
const trivialJob = defineJob({ type: 'bench.trivial', schema: z.object({ n: z.number() }) });
const registry = createJobRegistry([handleJob(trivialJob, async () => null)]);
const handle = await createDb({ url, maxConnections: Math.min(20, concurrency + 3) });
const worker = startJobTicker({
  getDb: async () => handle.db,
  registry,
  workerId: 'bench-drain',
  pollMs: 200,
  concurrency,
  listen: handle.listen,
});
process.stdout.write('started\n');
await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
await worker.stop();
await handle.close();
