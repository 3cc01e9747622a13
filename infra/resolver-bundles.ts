/**
 * The resolver bundles that `npm run build` writes to `dist/resolvers/`: the very files the
 * emulator runs, read (and checked) by the same reader the emulator uses, so that the stack
 * deploys them byte for byte and refuses what the emulator refuses.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, readResolverBuild, ResolverManifestError, type ResolverBuild } from '../scripts/read-resolver-manifest.ts';
import { PROJECT_ROOT } from '../scripts/project-root.ts';

/** Where the build writes the bundles and `manifest.json`. */
export const RESOLVER_BUNDLE_DIR = join(PROJECT_ROOT, 'dist', 'resolvers');

/** Everything the stack needs from the build: the resolvers with their code, and `ctx.env`'s sources. */
export type ResolverBundles = ResolverBuild;

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
  const manifestPath = join(RESOLVER_BUNDLE_DIR, MANIFEST_FILE);
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
 * Reads `manifest.json` and every bundle it names; throws a `ResolverBundleError` saying what
 * is wrong and to run the build.
 *
 * @example
 * for (const resolver of loadResolverBundles().resolvers) console.log(resolver.typeName, resolver.fieldName);
 */
export function loadResolverBundles(dir: string = RESOLVER_BUNDLE_DIR): ResolverBundles {
  try {
    return readResolverBuild(dir);
  } catch (error) {
    if (error instanceof ResolverManifestError) throw new ResolverBundleError(error.reason, error.path);
    throw error;
  }
}
