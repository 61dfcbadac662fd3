import 'server-only';
import { hostname } from 'node:os';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { type JobRegistry, setProcessJobRegistry } from './job-registry';
import { getProcessJobTicker, setProcessJobTicker } from './kick-jobs';
import { startJobTicker } from './start-job-ticker';

/**
 * Called from `instrumentation.ts` when a Next server starts, with the runner-side registry. Makes
 * it available to after-response kicks, and starts the in-process ticker: on by default (`npm run
 * dev`, `npm start`); off on Vercel, where functions freeze between requests and kicks plus Vercel
 * Cron run jobs instead; never during `next build`. `JOBS_TICKER` overrides the default.
 */
export function startJobTickerIfEnabled(registry: JobRegistry): void {
  if (env.NEXT_PHASE === 'phase-production-build') return;
  setProcessJobRegistry(registry);
  const enabled = env.JOBS_TICKER ? env.JOBS_TICKER === 'on' : !env.VERCEL;
  if (!enabled || getProcessJobTicker()) return;
  setProcessJobTicker(startJobTicker({ getDb, registry, workerId: `ticker:${hostname()}:${process.pid}` }));
}
