/**
 * The one reader of `dist/resolvers/manifest.json` (format: `resolver-manifest.ts`): checks
 * every entry and reads every bundle it names, so that the CDK app and the emulator accept and
 * refuse exactly the same builds. Nothing is trusted: an unknown data source, a function name
 * AppSync refuses, a bundle path leaving the folder, a missing or over-long bundle all refuse the
 * whole build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, normalize, sep } from 'node:path';
import { ENVIRONMENT_VARIABLE_NAME, MAX_CODE_LENGTH, MAX_ENVIRONMENT_VARIABLES } from '../infra/api-limits.ts';
import { isDataSourceKind, TABLE_NAME_SOURCE, type DataSourceKind, type EnvironmentSource } from './resolver-manifest.ts';

/** The manifest's file name inside the bundle folder. */
export const MANIFEST_FILE = 'manifest.json';

/** One pipeline function, with its code read. */
export interface BuiltFunction {
  readonly name: string;
  readonly dataSource: DataSourceKind;
  readonly code: string;
}

/** One resolver, with its code (and its functions' code) read. */
export type BuiltResolver =
  | { readonly kind: 'UNIT'; readonly typeName: string; readonly fieldName: string; readonly dataSource: DataSourceKind; readonly code: string }
  | { readonly kind: 'PIPELINE'; readonly typeName: string; readonly fieldName: string; readonly code: string; readonly functions: readonly BuiltFunction[] };

/** A checked build: its resolvers with their code, and the API environment variables' sources. */
export interface ResolverBuild {
  readonly resolvers: readonly BuiltResolver[];
  /** Variable name → what to fill it with; `environmentValues()` fills them. */
  readonly environment: Readonly<Record<string, EnvironmentSource>>;
}

/** The build cannot be used; `reason` says why and `path` names the file to look at. */
export class ResolverManifestError extends Error {
  override readonly name = 'ResolverManifestError';

  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(`${reason} (${path}).`);
  }
}

/** AppSync's rule for type, field and function names. */
const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * Reads and checks `<dir>/manifest.json` and every bundle it names; throws a
 * `ResolverManifestError` for the first problem.
 *
 * @example
 * const build = readResolverBuild('dist/resolvers');
 * for (const resolver of build.resolvers) console.log(`${resolver.typeName}.${resolver.fieldName}`, resolver.code.length);
 */
export function readResolverBuild(dir: string): ResolverBuild {
  const manifestPath = join(dir, MANIFEST_FILE);
  if (!existsSync(manifestPath)) throw new ResolverManifestError('No resolver manifest', manifestPath);
  const manifest = parseManifest(readFileSync(manifestPath, 'utf8'), manifestPath);
  const refuse = (reason: string): never => {
    throw new ResolverManifestError(reason, manifestPath);
  };
  const entries = manifest.resolvers;
  if (!Array.isArray(entries)) return refuse('The manifest has no "resolvers" list');

  const coordinates = new Set<string>();
  const resolvers = entries.map((entry: unknown): BuiltResolver => {
    if (!isRecord(entry)) return refuse('A resolver of the manifest is not an object');
    const { typeName, fieldName, kind } = entry;
    if (typeof typeName !== 'string' || !NAME.test(typeName) || typeof fieldName !== 'string' || !NAME.test(fieldName)) {
      return refuse(`A resolver names no valid Type.field: ${JSON.stringify(`${String(typeName)}.${String(fieldName)}`)}`);
    }
    const coordinate = `${typeName}.${fieldName}`;
    if (coordinates.has(coordinate)) refuse(`The manifest has two resolvers for ${coordinate}`);
    coordinates.add(coordinate);
    if (kind !== 'UNIT' && kind !== 'PIPELINE') return refuse(`Unknown resolver kind ${JSON.stringify(kind)} for ${coordinate}`);
    const code = readBundle(dir, entry.code, refuse);
    if (kind === 'UNIT') return { kind, typeName, fieldName, dataSource: readDataSource(entry.dataSource, refuse), code };
    if (!Array.isArray(entry.functions)) return refuse(`The pipeline ${coordinate} has no "functions" list`);
    const functions = entry.functions.map((fn: unknown): BuiltFunction => {
      if (!isRecord(fn)) return refuse(`A function of the pipeline ${coordinate} is not an object`);
      return { name: readFunctionName(fn.name, refuse), dataSource: readDataSource(fn.dataSource, refuse), code: readBundle(dir, fn.code, refuse) };
    });
    return { kind, typeName, fieldName, code, functions };
  });
  return { resolvers, environment: readEnvironment(manifest.environment, refuse) };
}

function parseManifest(text: string, manifestPath: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ResolverManifestError('The resolver manifest is not JSON', manifestPath);
  }
  if (!isRecord(parsed)) throw new ResolverManifestError('The manifest has no "resolvers" list', manifestPath);
  return parsed;
}

function readFunctionName(name: unknown, refuse: (reason: string) => never): string {
  if (typeof name === 'string' && NAME.test(name)) return name;
  return refuse(`Pipeline function name ${JSON.stringify(name)} is not one AppSync accepts`);
}

function readDataSource(value: unknown, refuse: (reason: string) => never): DataSourceKind {
  if (isDataSourceKind(value)) return value;
  return refuse(`Unknown data source ${JSON.stringify(value)}`);
}

/** The code of a bundle the manifest names: inside `dir`, present, and within AppSync's limit. */
function readBundle(dir: string, relativePath: unknown, refuse: (reason: string) => never): string {
  // A path that climbs out of the bundle folder would deploy (or run) any file of the machine.
  if (typeof relativePath !== 'string' || relativePath === '' || isAbsolute(relativePath) || normalize(relativePath).split(sep).includes('..')) {
    return refuse(`The bundle path ${JSON.stringify(relativePath)} is not a file inside the bundle folder`);
  }
  const path = join(dir, relativePath);
  if (!existsSync(path)) throw new ResolverManifestError('A bundle named by the manifest is missing', path);
  const code = readFileSync(path, 'utf8');
  if (code.length > MAX_CODE_LENGTH) {
    throw new ResolverManifestError(`The bundle has ${code.length} characters; AppSync accepts at most ${MAX_CODE_LENGTH}`, path);
  }
  return code;
}

function readEnvironment(value: unknown, refuse: (reason: string) => never): Record<string, EnvironmentSource> {
  if (value === undefined) return {};
  if (!isRecord(value)) return refuse('The manifest\'s "environment" is not an object');
  if (Object.keys(value).length > MAX_ENVIRONMENT_VARIABLES) refuse(`The manifest asks for more than ${MAX_ENVIRONMENT_VARIABLES} API variables, AppSync's limit`);
  return Object.fromEntries(
    Object.entries(value).map(([name, source]) => {
      if (!ENVIRONMENT_VARIABLE_NAME.test(name)) refuse(`API variable name ${JSON.stringify(name)} is not one AppSync accepts`);
      if (source !== TABLE_NAME_SOURCE) refuse(`API variable ${name} is to hold ${JSON.stringify(source)}; only "${TABLE_NAME_SOURCE}" (the table's name) is known`);
      return [name, TABLE_NAME_SOURCE];
    }),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
