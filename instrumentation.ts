/**
 * Next calls `register()` once when a server process starts (`next dev`, `next start`, and each
 * Vercel function instance). It hands the runner-side job registry to the process (after-response
 * kicks use it) and starts the in-process job ticker where enabled.
 * `process.env.NEXT_RUNTIME` is the one env read outside lib/env.ts on purpose: Next inlines it at
 * build time, so the Edge bundle drops the Node-only imports below instead of failing on them.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ startJobTickerIfEnabled }, { JOB_REGISTRY }] = await Promise.all([
    import('./lib/jobs/start-job-ticker-if-enabled'),
    import('./lib/job-handlers'),
  ]);
  startJobTickerIfEnabled(JOB_REGISTRY);
}
