/**
 * The built resolvers, read from `dist/resolvers/manifest.json` (written by `npm run build`)
 * by the reader the CDK app uses too, so the emulator runs exactly the builds `cdk synth`
 * accepts. Every module's code is loaded into memory; a fresh load replaces the whole set at
 * once, so a request never mixes two builds.
 */
import { dirname } from 'node:path';
import { readResolverBuild, type BuiltResolver } from '../../scripts/read-resolver-manifest.ts';
import { environmentValues } from '../../scripts/resolver-manifest.ts';

/** One resolver with its code, ready to run, and its `Type.field`. */
export type LoadedResolver = BuiltResolver & { readonly coordinate: string };

/** Every resolver of one build, by `Type.field`, and the API's environment variables. */
export interface ResolverBundles {
  readonly resolvers: ReadonlyMap<string, LoadedResolver>;
  /** `ctx.env`, filled as the CDK app fills it (`environmentValues`). */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Loads the manifest and every module it names; rejects with a `ResolverManifestError` for a
 * build the CDK app would refuse.
 *
 * @example
 * const bundles = await loadResolverBundles('dist/resolvers/manifest.json', 'helpdesk');
 */
export async function loadResolverBundles(manifestPath: string, tableName: string): Promise<ResolverBundles> {
  const build = readResolverBuild(dirname(manifestPath));
  const resolvers = new Map<string, LoadedResolver>();
  for (const resolver of build.resolvers) {
    const coordinate = `${resolver.typeName}.${resolver.fieldName}`;
    resolvers.set(coordinate, { ...resolver, coordinate });
  }
  return { resolvers, env: environmentValues(build.environment, { tableName }) };
}
