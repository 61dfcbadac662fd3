import { type ChildProcess, spawn } from 'node:child_process';

/**
 * `npm run jobs:work` as its own process on the bench database, the standalone worker the README
 * recommends beside `JOBS_TICKER=off` web servers at high webhook volume. Its defaults (pool of 64,
 * poll every 1 s when idle) apply unless `pollMs` says otherwise. Stop it with `stopJobWorker`.
 */
export function startJobWorker(options: { databaseUrl: string; pollMs?: number }): ChildProcess {
  return spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/jobs-work.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      ...(options.pollMs === undefined ? {} : { JOBS_POLL_MS: String(options.pollMs) }),
    },
  });
}

/** SIGTERM (running jobs finish) and wait for the exit. */
export async function stopJobWorker(worker: ChildProcess | null): Promise<void> {
  if (!worker || worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.kill('SIGTERM');
  await exited;
}
