/**
 * The resolver bundles that `npm run build` writes to `dist/resolvers/`: the very files the
 * emulator runs, read here so that the stack deploys them byte for byte.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSourceKind, ResolverManifest } from '../scripts/resolver-manifest.ts';
import { PROJECT_ROOT } from './node-function.ts';

export type { DataSourceKind };

/** Where the build writes the bundles and `manifest.json`. */
export const RESOLVER_BUNDLE_DIR = join(PROJECT_ROOT, 'dist', 'resolvers');

/** AppSync refuses resolver and function code longer than this. */
export const MAX_CODE_LENGTH = 32_768;

/** One pipeline function, with its code read. */
export interface LoadedFunction {
  readonly name: string;
  readonly dataSource: DataSourceKind;
  readonly code: string;
}

/** One resolver, with its code (and its functions' code) read. */
export type LoadedResolver =
  | { readonly kind: 'UNIT'; readonly typeName: string; readonly fieldName: string; readonly dataSource: DataSourceKind; readonly code: string }
  | { readonly kind: 'PIPELINE'; readonly typeName: string; readonly fieldName: string; readonly code: string; readonly functions: readonly LoadedFunction[] };

/** Everything the stack needs from the build. */
export interface ResolverBundles {
  readonly resolvers: readonly LoadedResolver[];
  /** API environment variables (`ctx.env`) and what each holds (`'TABLE'`: the table's name). */
  readonly environment: Readonly<Record<string, DataSourceKind>>;
}

/** AppSync's rule for function names. */
const FUNCTION_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** The bundles are missing or unusable; says what to run. */
export class ResolverBundleError extends Error {
  override readonly name = 'ResolverBundleError';

  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${message} (${path}). Run \`npm run build\` and synthesize again.`);
  }
}

/**
 * Runs the project's build when `dist/resolvers/` has no manifest yet, so that `npx cdk synth` works on a
 * fresh clone. An existing build is used as it is: `npm run synth` and `npm run deploy` build
 * first, so that what is deployed is never older than the sources.
 *
 * @example
 * await ensureResolverBundles();
 */
export async function ensureResolverBundles(): Promise<void> {
  const manifestPath = join(RESOLVER_BUNDLE_DIR, 'manifest.json');
  if (existsSync(manifestPath)) return;
  console.error(`No resolver bundles in ${RESOLVER_BUNDLE_DIR}: running the build first.`);
  // Loaded only when needed: the build pulls in esbuild and the APPSYNC_JS checker.
  const { build } = await import('../scripts/build.ts');
  // Synthesis leaves the sources alone: the generated files are committed, `npm run build`
  // regenerates them.
  await build({ generate: false });
  if (!existsSync(manifestPath)) throw new ResolverBundleError('The build ran but wrote no resolver manifest', manifestPath);
}

/**
 * Reads `manifest.json` and every bundle it names.
 *
 * @example
 * for (const resolver of loadResolverBundles().resolvers) console.log(resolver.typeName, resolver.fieldName);
 */
export function loadResolverBundles(dir: string = RESOLVER_BUNDLE_DIR): ResolverBundles {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new ResolverBundleError('No resolver manifest', manifestPath);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ResolverManifest;
  if (!Array.isArray(manifest.resolvers as unknown)) throw new ResolverBundleError('The manifest has no "resolvers" list', manifestPath);

  const resolvers = manifest.resolvers.map((entry): LoadedResolver => {
    const code = readBundle(dir, entry.code);
    if (entry.kind === 'UNIT') {
      return { kind: 'UNIT', typeName: entry.typeName, fieldName: entry.fieldName, dataSource: readDataSource(entry.dataSource, manifestPath), code };
    }
    return {
      kind: 'PIPELINE',
      typeName: entry.typeName,
      fieldName: entry.fieldName,
      code,
      functions: entry.functions.map((fn) => ({ name: readFunctionName(fn.name, manifestPath), dataSource: readDataSource(fn.dataSource, manifestPath), code: readBundle(dir, fn.code) })),
    };
  });
  const environment: Record<string, DataSourceKind> = {};
  for (const [name, value] of Object.entries(manifest.environment ?? {})) environment[name] = readDataSource(value, manifestPath);
  return { resolvers, environment };
}

function readFunctionName(name: unknown, manifestPath: string): string {
  if (typeof name === 'string' && FUNCTION_NAME.test(name)) return name;
  throw new ResolverBundleError(`Pipeline function name ${JSON.stringify(name)} is not one AppSync accepts`, manifestPath);
}

function readBundle(dir: string, relativePath: string): string {
  const path = join(dir, relativePath);
  if (!existsSync(path)) throw new ResolverBundleError('A bundle named by the manifest is missing', path);
  const code = readFileSync(path, 'utf8');
  if (code.length > MAX_CODE_LENGTH) {
    throw new ResolverBundleError(`The bundle has ${code.length} characters; AppSync accepts at most ${MAX_CODE_LENGTH}`, path);
  }
  return code;
}

function readDataSource(value: unknown, manifestPath: string): DataSourceKind {
  if (value === 'NONE' || value === 'TABLE') return value;
  throw new ResolverBundleError(`Unknown data source ${JSON.stringify(value)}`, manifestPath);
}
