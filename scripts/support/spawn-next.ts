import { type ChildProcess, spawn } from 'node:child_process';
import { resolveBin } from './run-command';

/** Runs the Next CLI as a child process with the given environment, forwarding Ctrl-C. */
export function spawnNext(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const bin = resolveBin('next');
  // Telemetry would only time out: our machines have no internet.
  return spawn(process.execPath, [bin, ...args], {
    stdio: 'inherit',
    env: { NEXT_TELEMETRY_DISABLED: '1', ...env },
  });
}

/** Ends `child` and the helpers when the user stops us, and stops us when `child` ends. */
export function superviseChild(child: ChildProcess, cleanup: () => Promise<void>): void {
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) child.kill('SIGTERM');
    await cleanup().catch((error: unknown) => console.error(error));
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0));
  child.on('exit', (code) => void stop(code ?? 0));
}
