/**
 * Bundles the Lambda handlers (the authorizer and the Pre Token Generation trigger) as the
 * Node.js 20 runtime loads them: one minified ESM file each, every dependency included.
 */
import { existsSync } from 'node:fs';
import { build as esbuild, type BuildOptions } from 'esbuild';
import { BuildError, displayPath } from './build-problems.ts';

/** A handler to bundle: absolute source, output path relative to the build's `outDir`. */
export interface LambdaEntry {
  readonly source: string;
  readonly output: string;
}

/** A bundled handler. */
export interface BuiltLambda {
  readonly output: string;
  readonly code: string;
}

/** The esbuild options every Lambda bundle is made with. */
export const LAMBDA_BUNDLE_OPTIONS = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  // The authorizer logs the class name of the error that refused a token; minified names
  // ("ee", "f") would make those log lines useless.
  keepNames: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'silent',
} as const satisfies BuildOptions;

/**
 * ESM has no `require`; a CommonJS dependency that calls it at run time needs one, which this
 * banner makes. It is added only to bundles that would otherwise fail that way.
 */
export const CREATE_REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** The marker esbuild leaves where a bundle would call `require` with none available. */
const DYNAMIC_REQUIRE_MARKER = 'Dynamic require of';

/**
 * Bundles each handler; a missing source is a build error naming it.
 *
 * @example
 * await bundleLambdas([{ source: '/…/authorizer/index.ts', output: 'authorizer/index.mjs' }]);
 */
export async function bundleLambdas(entries: readonly LambdaEntry[]): Promise<BuiltLambda[]> {
  const missing = entries.filter((entry) => !existsSync(entry.source));
  if (missing.length > 0) {
    throw new BuildError(missing.map((entry) => ({ file: displayPath(entry.source), message: 'is missing: it is the Lambda handler the build bundles.' })));
  }
  return Promise.all(entries.map((entry) => bundleLambda(entry)));
}

async function bundleLambda(entry: LambdaEntry): Promise<BuiltLambda> {
  const once = async (banner: string | undefined): Promise<string> => {
    const result = await esbuild({
      ...LAMBDA_BUNDLE_OPTIONS,
      entryPoints: [entry.source],
      write: false,
      outfile: entry.output,
      ...(banner === undefined ? {} : { banner: { js: banner } }),
    });
    const file = result.outputFiles[0];
    if (file === undefined) throw new BuildError([{ file: displayPath(entry.source), message: 'esbuild wrote no bundle for it.' }]);
    return file.text;
  };
  const plain = await once(undefined);
  const code = plain.includes(DYNAMIC_REQUIRE_MARKER) ? await once(CREATE_REQUIRE_BANNER) : plain;
  return { output: entry.output, code };
}
