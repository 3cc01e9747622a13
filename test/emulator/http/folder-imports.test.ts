/**
 * The emulator's folder rules (see `emulator/README.md`), read from the import statements of
 * every source file under `emulator/`: no folder-level import cycle, the shared plumbing
 * (`http/`, `runtime/`, `log/`) imports no other folder, and only the composition root (the
 * files directly in `emulator/`) composes, so no folder imports it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../scripts/project-root.ts';

const EMULATOR_DIR = join(PROJECT_ROOT, 'emulator');
const ROOT = '(composition root)';
/** The plumbing every capability may import: `http/` above all. */
const SHARED = ['http', 'runtime', 'log'] as const;
const SOURCE = /\.(?:ts|tsx|mts|mjs|js)$/;
/** Static imports and re-exports (`import type` included: a type is a dependency too), side-effect imports, `import()`. */
const IMPORTS = [
  /^\s*(?:import|export)\s+(?:type\s+)?(?:\{[^}]*\}|\*(?:\s+as\s+\w+)?|\w+(?:\s*,\s*(?:\{[^}]*\}|\*\s+as\s+\w+))?)\s+from\s*['"]([^'"]+)['"]/gm,
  /^\s*import\s*['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** One edge of the folder graph, with the first import that makes it. */
type FolderGraph = Map<string, Map<string, string>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) ? [path] : [];
  });
}

/** The folder directly under `emulator/` that holds `path`, the root for a file directly in it, `null` outside. */
function folderOf(path: string): string | null {
  const inside = relative(EMULATOR_DIR, path);
  if (inside.startsWith('..')) return null;
  const parts = inside.split(sep);
  return parts.length === 1 ? ROOT : parts[0] ?? null;
}

function folderGraph(): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of sourceFiles(EMULATOR_DIR)) {
    const from = folderOf(file) as string;
    const text = readFileSync(file, 'utf8');
    for (const pattern of IMPORTS) {
      for (const match of text.matchAll(pattern)) {
        const specifier = match[1] as string;
        if (!specifier.startsWith('.')) continue;
        const to = folderOf(resolve(dirname(file), specifier));
        if (to === null || to === from) continue;
        const edges = graph.get(from) ?? new Map<string, string>();
        if (!edges.has(to)) edges.set(to, `${relative(PROJECT_ROOT, file)} imports ${specifier}`);
        graph.set(from, edges);
      }
    }
  }
  return graph;
}

/** Every cycle's folders in order (first folder repeated at the end), one per strongly connected group. */
function findCycles(graph: FolderGraph): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  for (const start of graph.keys()) {
    if (done.has(start)) continue;
    // Depth-first from `start`, remembering the path: a step back onto the path is a cycle.
    const path: string[] = [];
    const onPath = new Set<string>();
    const visit = (node: string): void => {
      path.push(node);
      onPath.add(node);
      for (const next of graph.get(node)?.keys() ?? []) {
        if (onPath.has(next)) cycles.push([...path.slice(path.indexOf(next)), next]);
        else if (!done.has(next)) visit(next);
      }
      path.pop();
      onPath.delete(node);
      done.add(node);
    };
    visit(start);
  }
  return cycles;
}

function describeCycle(graph: FolderGraph, cycle: readonly string[]): string {
  const steps = cycle.slice(1).map((to, index) => `    ${graph.get(cycle[index] as string)?.get(to) ?? '?'}`);
  return [`  ${cycle.join(' → ')}`, ...steps].join('\n');
}

describe('Emulator: folder imports', () => {
  const graph = folderGraph();

  it('finds a cycle, and names the imports that make it', () => {
    // Prepare
    const madeUp: FolderGraph = new Map([
      ['a', new Map([['b', 'a/x.ts imports ../b/y.ts']])],
      ['b', new Map([['c', 'b/y.ts imports ../c/z.ts']])],
      ['c', new Map([['a', 'c/z.ts imports ../a/x.ts']])],
      ['d', new Map([['a', 'd/w.ts imports ../a/x.ts']])],
    ]);

    // Act
    const cycles = findCycles(madeUp);

    // Assess
    expect(cycles).toEqual([['a', 'b', 'c', 'a']]);
    expect(describeCycle(madeUp, cycles[0] as string[])).toContain('c/z.ts imports ../a/x.ts');
  });

  it('reads the imports of the emulator', () => {
    // Assess: the composition root composes the parts, and the parts use the plumbing.
    expect([...(graph.get(ROOT)?.keys() ?? [])]).toEqual(expect.arrayContaining(['http', 'console', 'cognito', 'graphql']));
    expect(graph.get('console')?.has('http')).toBe(true);
  });

  it('has no import cycle between folders', () => {
    // Act
    const cycles = findCycles(graph);

    // Assess
    expect(cycles, `folder-level import cycles:\n${cycles.map((cycle) => describeCycle(graph, cycle)).join('\n')}`).toEqual([]);
  });

  it.each(SHARED)('keeps %s/ shared: it imports no other folder of the emulator', (folder) => {
    // Act
    const imported = [...(graph.get(folder)?.values() ?? [])];

    // Assess
    expect(imported).toEqual([]);
  });

  it('lets only the composition root compose: no folder imports the files directly in emulator/', () => {
    // Act
    const importers = [...graph.entries()].filter(([from, edges]) => from !== ROOT && edges.has(ROOT)).map(([, edges]) => edges.get(ROOT));

    // Assess
    expect(importers).toEqual([]);
  });
});
