import { hostname } from 'node:os';
import { createDb } from '../lib/db/create-db';
import { runDueJobs } from '../lib/jobs/run-due-jobs';
import { logError } from '../lib/log/log-error';
import { loadEnvFiles } from './support/load-env-files';

/**
 * `npm run jobs:work`: a standalone worker for servers that run jobs apart from the web process
 * (set JOBS_TICKER=off on the web servers then). Any number may run at once: claims use
 * `FOR UPDATE SKIP LOCKED`. Ctrl-C / SIGTERM stops claiming and lets running jobs finish.
 * Runs under the `react-server` condition so server-only modules load outside Next.
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
const workerId = `worker:${hostname()}:${process.pid}`;
const handle = await createDb({ url: databaseUrl, maxConnections: 5 });
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`[tokdesk] ${signal}: finishing running jobs, claiming no more`);
    controller.abort();
  });
}
console.log(`[tokdesk] job worker ${workerId} started (poll every ${pollMs} ms)`);

let failing = false;
while (!controller.signal.aborted) {
  let pause = pollMs;
  try {
    const result = await runDueJobs({ db: handle.db, budgetMs: 30_000, workerId, signal: controller.signal });
    if (result.claimed > 0) {
      console.log(
        `[tokdesk] ran ${result.claimed} job(s): ${result.succeeded} ok, ${result.failed} failed, ${result.dead} dead in ${result.elapsedMs} ms`,
      );
      pause = 0;
    }
    failing = false;
  } catch (error) {
    if (!failing) logError('job worker (retrying in 10 s)', error);
    failing = true;
    pause = 10_000;
  }
  if (pause > 0 && !controller.signal.aborted) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pause);
      controller.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
await handle.close();
console.log('[tokdesk] job worker stopped');
