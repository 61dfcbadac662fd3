import 'server-only';
import { hostname } from 'node:os';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { type JobTicker, startJobTicker } from './start-job-ticker';

const globalForTicker = globalThis as unknown as { tokdeskJobTicker?: JobTicker };

/**
 * Called from `instrumentation.ts` when a Next server starts. On by default (`npm run dev`,
 * `npm start`); off on Vercel, where functions freeze between requests and Vercel Cron calls
 * `/api/cron/jobs` instead; never during `next build`. `JOBS_TICKER` overrides the default.
 */
export function startJobTickerIfEnabled(): void {
  if (env.NEXT_PHASE === 'phase-production-build') return;
  const enabled = env.JOBS_TICKER ? env.JOBS_TICKER === 'on' : !env.VERCEL;
  if (!enabled || globalForTicker.tokdeskJobTicker) return;
  globalForTicker.tokdeskJobTicker = startJobTicker({
    getDb,
    workerId: `ticker:${hostname()}:${process.pid}`,
  });
}
