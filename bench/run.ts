import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench -- <name> [args…]` runs `bench/<name>.ts` in its own Node process. Server modules
 * start with `import 'server-only'`, which only resolves to a no-op under the `react-server`
 * condition, so the script runs with it (the benches use no React).
 */
const [name, ...args] = process.argv.slice(2);
const dir = import.meta.dirname;
const available = readdirSync(dir)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.replace(/\.ts$/, ''));
if (!name || !existsSync(path.join(dir, `${name}.ts`))) {
  console.error(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--conditions=react-server', '--import', 'tsx', path.join(dir, `${name}.ts`), ...args],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
