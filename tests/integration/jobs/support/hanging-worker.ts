import { z } from 'zod';
import { createDb } from '@/lib/db/create-db';
import { defineJob } from '@/lib/jobs/define-job';
import { runDueJobs } from '@/lib/jobs/run-due-jobs';

/**
 * A worker process for the crash test: claims jobs with a short lease, says which one it started
 * on stdout, then hangs in the handler until the test kills it with SIGKILL.
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
  registry: {
    'test.crash': defineJob({
      schema: z.object({}).loose(),
      timeoutMs: 60_000,
      handle: async (_payload, ctx) => {
        process.stdout.write(`started ${ctx.jobId}\n`);
        await new Promise(() => {});
      },
    }),
  },
});
