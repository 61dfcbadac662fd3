/**
 * Next calls `register()` once when a server process starts. It starts the in-process job ticker.
 * `process.env.NEXT_RUNTIME` is the one env read outside lib/env.ts on purpose: Next inlines it at
 * build time, so the Edge bundle drops the Node-only import below instead of failing on it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startJobTickerIfEnabled } = await import('./lib/jobs/start-job-ticker-if-enabled');
  startJobTickerIfEnabled();
}
