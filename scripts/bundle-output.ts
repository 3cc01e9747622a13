/**
 * Writes the build's outputs: the resolver bundles, the Lambda handlers and `manifest.json`,
 * each atomically and only when changed, and removes resolver bundles a source no longer makes.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuiltLambda } from './bundle-lambdas.ts';
import type { ResolverModuleBundle } from './bundle-resolvers.ts';
import type { ResolverManifest } from './resolver-manifest.ts';

/**
 * Writes the bundles, the Lambda handlers and, last, `manifest.json` under `outDir`, each
 * atomically and only when changed, and removes resolver bundles left from an earlier build.
 * Readers (the emulator, a concurrent build) never see a half-written file.
 *
 * @example
 * const manifestPath = writeOutputs('dist', bundles, manifestOf(resolvers), lambdas);
 */
export function writeOutputs(
  outDir: string,
  bundles: readonly ResolverModuleBundle[],
  manifest: ResolverManifest,
  lambdas: readonly BuiltLambda[],
): string {
  const resolverDir = join(outDir, 'resolvers');
  const manifestPath = join(resolverDir, 'manifest.json');
  const expected = new Set<string>([manifestPath]);
  for (const bundle of bundles) {
    const path = join(resolverDir, bundle.output);
    expected.add(path);
    writeIfChanged(path, bundle.code);
  }
  for (const lambda of lambdas) writeIfChanged(join(outDir, lambda.output), lambda.code);
  writeIfChanged(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  removeStale(resolverDir, expected);
  return manifestPath;
}

function writeIfChanged(path: string, text: string): void {
  let current: string | undefined;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) return;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

function removeStale(dir: string, expected: ReadonlySet<string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      removeStale(path, expected);
      if (readdirSync(path).length === 0) rmdirSync(path);
    } else if (!expected.has(path) && !entry.name.endsWith('.tmp')) {
      rmSync(path, { force: true });
    }
  }
}
