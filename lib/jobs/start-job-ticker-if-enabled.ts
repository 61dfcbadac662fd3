import 'server-only';
import { hostname } from 'node:os';
import { getDbHandle } from '@/lib/db/client';
import type { Listen } from '@/lib/db/create-db';
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
  // Subscribes before the first job is claimed; a database that is not up yet is retried by the
  // ticker itself, and LISTEN then simply stays off (polling, plus in-process kicks, still run jobs).
  const listen: Listen = async (channel, onNotify) => {
    const handle = await getDbHandle();
    return handle.listen ? handle.listen(channel, onNotify) : async () => {};
  };
  setProcessJobTicker(
    startJobTicker({
      getDb: async () => (await getDbHandle()).db,
      registry,
      workerId: `ticker:${hostname()}:${process.pid}`,
      listen,
    }),
  );
}
