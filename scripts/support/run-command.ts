import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Runs a package's CLI with the current Node, inheriting the terminal; resolves to its exit code. */
export function runPackageBin(
  pkgBin: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const bin = require.resolve(pkgBin);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
