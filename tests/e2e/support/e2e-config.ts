/** Fixed ports of the end-to-end stack, chosen away from `npm run dev`'s so both can run at once. */
export const E2E = {
  appPort: Number(process.env.E2E_APP_PORT ?? 3100),
  sandboxPort: Number(process.env.E2E_SANDBOX_PORT ?? 4110),
  kvPort: Number(process.env.E2E_KV_PORT ?? 8179),
  /** Everything the app server printed during the run. */
  serverLogPath: '.data/e2e/server.log',
  /** The local storage folder of the end-to-end app (no S3 there). */
  storageDir: '.data/e2e/storage',
  get appUrl() {
    return `http://localhost:${this.appPort}`;
  },
  get sandboxUrl() {
    return `http://localhost:${this.sandboxPort}`;
  },
};
