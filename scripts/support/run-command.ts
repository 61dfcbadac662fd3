import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The file a package declares as its CLI (`bin`), found through its package.json. */
export function resolveBin(pkg: string, name = pkg.split('/').pop() ?? pkg): string {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[name];
  if (!bin) throw new Error(`${pkg} declares no "${name}" command`);
  return path.join(path.dirname(manifestPath), bin);
}

/** Runs a package's CLI with the current Node, inheriting the terminal; resolves to its exit code. */
export function runPackageBin(
  pkg: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  name?: string,
): Promise<number> {
  const bin = resolveBin(pkg, name);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
