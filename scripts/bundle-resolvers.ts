/**
 * Bundles resolver modules as AppSync runs them: one self-contained ESM file each, with only
 * `@aws-appsync/*` imported at run time, readable (not minified, no source map) so that the
 * line numbers of AppSync's errors and logs point at something a person can read.
 */
import { join } from 'node:path';
import { build as esbuild, type BuildOptions } from 'esbuild';
import { displayPath } from './build-problems.ts';
import type { ResolverModule } from './discover-resolvers.ts';

/** One bundled module: its source (for messages), its output path and its code. */
export interface ResolverModuleBundle {
  /** The source path, relative to the project when inside it. */
  readonly source: string;
  /** Relative to `dist/resolvers/`. */
  readonly output: string;
  readonly code: string;
}

/** The esbuild options every resolver bundle is made with. */
export const RESOLVER_BUNDLE_OPTIONS = {
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2020',
  external: ['@aws-appsync/*'] as string[],
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'silent',
} as const satisfies BuildOptions;

/**
 * Bundles every module in one esbuild run.
 *
 * @example
 * const bundles = await bundleResolverModules('resolvers', [{ source: '/…/Query.me.ts', output: 'Query.me.js' }]);
 */
export async function bundleResolverModules(resolversDir: string, modules: readonly ResolverModule[]): Promise<ResolverModuleBundle[]> {
  if (modules.length === 0) return [];
  const outdir = join(resolversDir, '..', '.bundle-out');
  const result = await esbuild({
    ...RESOLVER_BUNDLE_OPTIONS,
    entryPoints: modules.map((module) => ({ in: module.source, out: module.output.replace(/\.js$/, '') })),
    outdir,
    write: false,
  });
  const byPath = new Map((result.outputFiles ?? []).map((file) => [file.path, file.text]));
  return modules.map((module) => {
    const code = byPath.get(join(outdir, module.output));
    if (code === undefined) throw new Error(`esbuild wrote no bundle for ${displayPath(module.source)}.`);
    return { source: displayPath(module.source), output: module.output, code };
  });
}
