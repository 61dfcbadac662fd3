import { buildIsFresh } from '../../scripts/support/build-is-fresh';
import { runPackageBin } from '../../scripts/support/run-command';

/** Benchmarks measure the production build: build it first unless `.next` is newer than every source. */
export async function ensureBuild(log: (message: string) => void): Promise<void> {
  if (buildIsFresh()) return;
  log('building the app (next build)…');
  const code = await runPackageBin('next', ['build'], {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
  });
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
}
