import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

/**
 * `npm run check`: no import cycles between lib/ folders. dependency-cruiser resolves every import
 * (the `@/` alias included) and collapses the graph to one node per lib/<folder>; its own
 * `circular` rule judges files, not folders (a cycle through several files of two folders passes
 * it), so the strongly connected components of the collapsed graph are found here.
 */
const result = await cruise(
  ['lib'],
  {
    includeOnly: '^lib/',
    exclude: { path: '\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    collapse: '^lib/[^/]+',
  },
  // The resolver needs the tsconfig too, or `@/` imports stay unresolved and the graph is empty.
  { tsConfig: 'tsconfig.json' } as Parameters<typeof cruise>[2],
  { tsConfig: extractTSConfig('tsconfig.json') },
);
if (typeof result.output === 'string') throw new Error('dependency-cruiser answered text, not a graph');
const unresolved = result.output.modules.flatMap((module) =>
  module.dependencies.filter(
    (dependency) => dependency.couldNotResolve && dependency.module.startsWith('@/'),
  ),
);
// An import we cannot resolve would hide its edge: fail rather than pass on an incomplete graph.
if (unresolved.length > 0)
  throw new Error(`unresolved imports: ${unresolved.map((d) => d.module).join(', ')}`);

const edges = new Map<string, Set<string>>();
for (const module of result.output.modules) {
  const targets = module.dependencies
    .map((dependency) => dependency.resolved)
    .filter((to) => to !== module.source);
  edges.set(module.source, new Set(targets));
}

// Tarjan's strongly connected components: every component with more than one folder is a cycle.
const index = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const cycles: string[][] = [];
let counter = 0;
function visit(node: string): void {
  index.set(node, counter);
  low.set(node, counter);
  counter += 1;
  stack.push(node);
  onStack.add(node);
  for (const next of edges.get(node) ?? []) {
    if (!index.has(next)) {
      visit(next);
      low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
    } else if (onStack.has(next)) {
      low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
    }
  }
  if (low.get(node) === index.get(node)) {
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const node of edges.keys()) if (!index.has(node)) visit(node);

if (cycles.length > 0) {
  console.error('lib/ folders that import each other (move the shared piece into a folder below them):');
  for (const cycle of cycles) console.error(`  ${cycle.join(' ↔ ')}`);
  process.exit(1);
}
console.log(`no import cycles between ${edges.size} lib/ folders`);
