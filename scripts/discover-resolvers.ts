/**
 * Finds the resolvers of `resolvers/` by file name: which modules exist, which field each
 * resolves, with which data source, and what is missing or misnamed.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { displayPath, type BuildProblem } from './build-problems.ts';
import { isDataSourceKind, type DataSourceKind, type PipelineFunctionEntry, type ResolverEntry } from './resolver-manifest.ts';

/**
 * The root types every field of which must have a resolver. AppSync lets a subscription field go
 * without one, but then nothing checks who subscribes: here each must apply its rule.
 */
export const ROOT_TYPES: readonly string[] = ['Query', 'Mutation', 'Subscription'];

/** The pipeline folder's own module, run before and after its functions. */
export const PIPELINE_RESOLVER_FILE = 'resolver.ts';

const NAME = '[_A-Za-z][_0-9A-Za-z]*';
const UNIT_FILE = new RegExp(`^(${NAME})\\.(${NAME})\\.ts$`);
const PIPELINE_FOLDER = new RegExp(`^(${NAME})\\.(${NAME})$`);
const FUNCTION_FILE = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.ts$/;
/** Folders of `resolvers/` that hold shared code, not resolvers. */
const SHARED_FOLDERS = new Set(['lib']);

/** One module to bundle: absolute source path, output path relative to `dist/resolvers/`. */
export interface ResolverModule {
  readonly source: string;
  readonly output: string;
}

/** What `discoverResolvers` found. */
export interface DiscoveredResolvers {
  readonly resolvers: readonly ResolverEntry[];
  readonly modules: readonly ResolverModule[];
  readonly problems: readonly BuildProblem[];
}

/**
 * Finds the resolvers of `dir` by file name (`Type.field.ts`, or a `Type.field/` folder of
 * `resolver.ts` and numbered functions `1-name.ts`), checks them against the schema and the
 * data-source map, and reports every `Query`/`Mutation` field left without a resolver.
 *
 * @example
 * const { resolvers, problems } = discoverResolvers('resolvers', buildAppSyncSchema(), DATA_SOURCES);
 */
export function discoverResolvers(
  dir: string,
  schema: GraphQLSchema,
  dataSources: Readonly<Record<string, DataSourceKind>>,
): DiscoveredResolvers {
  const resolvers: ResolverEntry[] = [];
  const modules: ResolverModule[] = [];
  const problems: BuildProblem[] = [];
  const usedDataSources = new Set<string>();
  const dataSourcesFile = displayPath(join(dir, 'lib', 'data-sources.ts'));

  const dataSourceOf = (key: string, file: string): DataSourceKind => {
    usedDataSources.add(key);
    const kind = dataSources[key];
    if (isDataSourceKind(kind)) return kind;
    problems.push({ file, message: `no data source is declared for '${key}' in ${dataSourcesFile}.` });
    return 'NONE';
  };

  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const file = displayPath(path);
    if (entry.name.startsWith('.') || entry.name.endsWith('.md')) continue;
    if (entry.isDirectory()) {
      if (SHARED_FOLDERS.has(entry.name)) continue;
      const match = PIPELINE_FOLDER.exec(entry.name);
      if (match === null) {
        problems.push({ file, message: 'is not a pipeline resolver folder: name it after its field, e.g. Mutation.addComment/.' });
        continue;
      }
      const [, typeName = '', fieldName = ''] = match;
      problems.push(...checkCoordinate(schema, typeName, fieldName, file));
      const pipeline = discoverPipeline(path, typeName, fieldName, dataSourceOf);
      problems.push(...pipeline.problems);
      modules.push(...pipeline.modules);
      if (pipeline.entry !== undefined) resolvers.push(pipeline.entry);
      continue;
    }
    const match = UNIT_FILE.exec(entry.name);
    if (match === null) {
      problems.push({ file, message: 'is not a resolver module: name it after its field, e.g. Query.ticket.ts, or move shared code to lib/.' });
      continue;
    }
    const [, typeName = '', fieldName = ''] = match;
    problems.push(...checkCoordinate(schema, typeName, fieldName, file));
    const output = `${typeName}.${fieldName}.js`;
    modules.push({ source: path, output });
    resolvers.push({ typeName, fieldName, kind: 'UNIT', code: output, dataSource: dataSourceOf(`${typeName}.${fieldName}`, file) });
  }

  const resolved = new Map<string, number>();
  for (const resolver of resolvers) {
    const coordinate = `${resolver.typeName}.${resolver.fieldName}`;
    resolved.set(coordinate, (resolved.get(coordinate) ?? 0) + 1);
  }
  for (const [coordinate, count] of resolved) {
    if (count > 1) problems.push({ file: displayPath(join(dir, coordinate)), message: `${coordinate} has both a ${coordinate}.ts module and a ${coordinate}/ pipeline folder; keep one.` });
  }
  for (const typeName of ROOT_TYPES) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    for (const fieldName of Object.keys(type.getFields())) {
      const coordinate = `${typeName}.${fieldName}`;
      if (!resolved.has(coordinate)) {
        problems.push({ file: displayPath(join(dir, `${coordinate}.ts`)), message: `is missing: ${coordinate} has no resolver (write ${coordinate}.ts or a ${coordinate}/ pipeline folder).` });
      }
    }
  }
  for (const key of Object.keys(dataSources)) {
    if (!usedDataSources.has(key)) problems.push({ file: dataSourcesFile, message: `declares a data source for '${key}', which is no resolver module or pipeline function.` });
  }
  return { resolvers, modules, problems };
}

/** The schema problem of a `Type.field` coordinate, if any. */
function checkCoordinate(schema: GraphQLSchema, typeName: string, fieldName: string, file: string): BuildProblem[] {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return [{ file, message: `names ${typeName}.${fieldName}, but schema.graphql has no object type ${typeName}.` }];
  if (type.getFields()[fieldName] === undefined) return [{ file, message: `names ${typeName}.${fieldName}, but schema.graphql has no field ${fieldName} on ${typeName}.` }];
  return [];
}

function discoverPipeline(
  dir: string,
  typeName: string,
  fieldName: string,
  dataSourceOf: (key: string, file: string) => DataSourceKind,
): { entry: ResolverEntry | undefined; modules: ResolverModule[]; problems: BuildProblem[] } {
  const folder = `${typeName}.${fieldName}`;
  const problems: BuildProblem[] = [];
  const functions: Array<{ order: number; stem: string; file: string; path: string }> = [];
  let hasResolverFile = false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const file = displayPath(path);
    if (entry.name === PIPELINE_RESOLVER_FILE && entry.isFile()) {
      hasResolverFile = true;
      continue;
    }
    const match = entry.isFile() ? FUNCTION_FILE.exec(entry.name) : null;
    if (match === null) {
      problems.push({ file, message: `is not part of a pipeline: a pipeline folder holds ${PIPELINE_RESOLVER_FILE} and numbered functions such as 1-get-ticket.ts.` });
      continue;
    }
    const [, order = '0', stem = ''] = match;
    functions.push({ order: Number(order), stem: `${order}-${stem}`, file, path });
  }
  if (!hasResolverFile) problems.push({ file: displayPath(join(dir, PIPELINE_RESOLVER_FILE)), message: `is missing: the ${folder}/ pipeline needs its resolver-level module.` });
  if (functions.length === 0) problems.push({ file: displayPath(dir), message: 'has no functions: add numbered function modules such as 1-get-ticket.ts.' });
  functions.sort((a, b) => a.order - b.order);
  functions.forEach((fn, index) => {
    const previous = functions[index - 1];
    if (previous !== undefined && previous.order === fn.order) problems.push({ file: fn.file, message: `shares its number ${fn.order} with ${previous.file}; number the functions in the order they run.` });
  });

  const modules: ResolverModule[] = [];
  const entries: PipelineFunctionEntry[] = functions.map((fn) => {
    const code = `${folder}/${fn.stem}.js`;
    modules.push({ source: fn.path, output: code });
    return { name: `${typeName}_${fieldName}_${fn.stem.replaceAll('-', '_')}`, code, dataSource: dataSourceOf(`${folder}/${fn.stem}`, fn.file) };
  });
  if (!hasResolverFile) return { entry: undefined, modules, problems };
  const code = `${folder}/resolver.js`;
  modules.push({ source: join(dir, PIPELINE_RESOLVER_FILE), output: code });
  return { entry: { typeName, fieldName, kind: 'PIPELINE', code, functions: entries }, modules, problems };
}
