import { loadSandboxConfig } from './core/config';
import { startSandbox } from './server';

// `npm run sandbox`: the TikTok emulator as its own process (also started by `npm run dev`).
const config = loadSandboxConfig();
// Dev keeps its state across restarts unless SANDBOX_SNAPSHOT=off.
const snapshotPath =
  process.env.SANDBOX_SNAPSHOT === 'off' ? null : (config.snapshotPath ?? '.data/sandbox.json');
const sandbox = await startSandbox({ snapshotPath });
console.log(`[sandbox] TikTok sandbox on ${sandbox.url} (control page: ${sandbox.url}/_sandbox)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
