/**
 * The built resolvers, read from `dist/resolvers/manifest.json` (written by `npm run build`)
 * with the code of every module loaded into memory. A fresh load replaces the whole set at once,
 * so a request never mixes two builds.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DataSourceKind, ResolverManifest } from '../../scripts/resolver-manifest.ts';

/** One pipeline function with its code. */
export interface LoadedFunction {
  readonly name: string;
  readonly code: string;
  readonly dataSource: DataSourceKind;
}

/** One resolver with its code, ready to run. */
export type LoadedResolver =
  | { readonly kind: 'UNIT'; readonly coordinate: string; readonly code: string; readonly dataSource: DataSourceKind }
  | { readonly kind: 'PIPELINE'; readonly coordinate: string; readonly code: string; readonly functions: readonly LoadedFunction[] };

/** Every resolver of one build, by `Type.field`, and the API's environment variables. */
export interface ResolverBundles {
  readonly resolvers: ReadonlyMap<string, LoadedResolver>;
  /** `ctx.env`: the manifest's environment with `'TABLE'` replaced by the table's name. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Loads the manifest and every module it names.
 *
 * @example
 * const bundles = await loadResolverBundles('dist/resolvers/manifest.json', 'helpdesk');
 */
export async function loadResolverBundles(manifestPath: string, tableName: string): Promise<ResolverBundles> {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as ResolverManifest;
  const root = dirname(manifestPath);
  const read = (relative: string) => readFile(join(root, relative), 'utf8');
  const resolvers = new Map<string, LoadedResolver>();
  for (const entry of manifest.resolvers) {
    const coordinate = `${entry.typeName}.${entry.fieldName}`;
    if (entry.kind === 'UNIT') {
      resolvers.set(coordinate, { kind: 'UNIT', coordinate, code: await read(entry.code), dataSource: entry.dataSource });
    } else {
      const functions: LoadedFunction[] = [];
      for (const fn of entry.functions) functions.push({ name: fn.name, code: await read(fn.code), dataSource: fn.dataSource });
      resolvers.set(coordinate, { kind: 'PIPELINE', coordinate, code: await read(entry.code), functions });
    }
  }
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(manifest.environment ?? {})) env[name] = value === 'TABLE' ? tableName : String(value);
  return { resolvers, env };
}
