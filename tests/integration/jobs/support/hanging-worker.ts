import { createDb } from '@/lib/db/create-db';
import { runDueJobs } from '@/lib/jobs/run-due-jobs';
import { testRegistry } from './test-jobs';

/**
 * A worker process for the crash test: claims jobs with a short lease, says which one it started
 * on stdout, then blocks its event loop in the handler (no heartbeat gets out) until the test
 * kills it with SIGKILL.
 */
const url = process.env.HANGING_WORKER_DB_URL;
if (!url) throw new Error('HANGING_WORKER_DB_URL is required');
const handle = await createDb({ url, maxConnections: 2 });
await runDueJobs({
  db: handle.db,
  budgetMs: 60_000,
  workerId: 'doomed-worker',
  leaseMs: 1000,
  concurrency: 1,
  registry: testRegistry(
    {
      'test.crash': async (_payload, ctx) => {
        process.stdout.write(`started ${ctx.jobId}\n`, () => {
          // A hung process: the event loop never turns again, so no lease heartbeat runs.
          const until = Date.now() + 120_000;
          while (Date.now() < until) {}
        });
        await new Promise(() => {});
      },
    },
    { 'test.crash': { timeoutMs: 60_000 } },
  ),
});
