/**
 * The contract between `npm run build` and the code that deploys or runs the resolvers (the CDK
 * app and the offline emulator): `dist/resolvers/manifest.json`. Every `code` path is relative
 * to `dist/resolvers/`. The build writes it with `manifestOf`; `read-resolver-manifest.ts` is
 * its one reader, which both the CDK app and the emulator call.
 *
 * @example
 * {
 *   "resolvers": [
 *     { "typeName": "Query", "fieldName": "me", "kind": "UNIT", "code": "Query.me.js", "dataSource": "NONE" },
 *     { "typeName": "Mutation", "fieldName": "addComment", "kind": "PIPELINE", "code": "Mutation.addComment/resolver.js",
 *       "functions": [{ "name": "Mutation_addComment_1_get_ticket", "code": "Mutation.addComment/1-get-ticket.js", "dataSource": "TABLE" }] }
 *   ],
 *   "environment": { "TABLE_NAME": "TABLE" }
 * }
 */

// The kinds of data source are the resolvers' own (`resolvers/lib/data-sources.ts` says which
// module uses which); the manifest carries them as they are.
import { DATA_SOURCE_KINDS, type DataSourceKind } from '../resolvers/lib/data-sources.ts';

export { DATA_SOURCE_KINDS, type DataSourceKind };

/**
 * Whether `value` names a data source kind of the manifest format.
 *
 * @example
 * if (!isDataSourceKind(entry.dataSource)) refuse(`Unknown data source ${JSON.stringify(entry.dataSource)}`);
 */
export function isDataSourceKind(value: unknown): value is DataSourceKind {
  return (DATA_SOURCE_KINDS as readonly unknown[]).includes(value);
}

/** A unit resolver: one module with its own data source. */
export interface UnitResolverEntry {
  readonly typeName: string;
  readonly fieldName: string;
  readonly kind: 'UNIT';
  /** e.g. `Query.ticket.js` */
  readonly code: string;
  readonly dataSource: DataSourceKind;
}

/** One function of a pipeline, in the order the pipeline runs them. */
export interface PipelineFunctionEntry {
  /** A name AppSync accepts (`[_A-Za-z][_0-9A-Za-z]*`), unique across the API, e.g. `Mutation_addComment_1_get_ticket`. */
  readonly name: string;
  /** e.g. `Mutation.addComment/1-get-ticket.js` */
  readonly code: string;
  readonly dataSource: DataSourceKind;
}

/** A pipeline resolver: its own before/after module plus its functions. */
export interface PipelineResolverEntry {
  readonly typeName: string;
  readonly fieldName: string;
  readonly kind: 'PIPELINE';
  /** e.g. `Mutation.addComment/resolver.js` */
  readonly code: string;
  readonly functions: readonly PipelineFunctionEntry[];
}

/** One resolver of the manifest. */
export type ResolverEntry = UnitResolverEntry | PipelineResolverEntry;

/**
 * In the manifest's `environment`, the value that stands for the physical name of the table
 * behind the `TABLE` data source: the deployment puts that name in the variable (a CDK
 * reference to the table in the stack, the emulator's table name offline). It is the only
 * environment source; the manifest never holds a value itself, only what to fill in.
 */
export const TABLE_NAME_SOURCE = 'TABLE';

/** What a manifest environment variable is filled with (see {@link TABLE_NAME_SOURCE}). */
export type EnvironmentSource = typeof TABLE_NAME_SOURCE;

/** What the deployment knows to fill environment variables with. */
export interface EnvironmentValues {
  /** The physical name of the `TABLE` data source's table. */
  readonly tableName: string;
}

/**
 * API environment variables (`ctx.env`) the resolvers read, and what each is filled with.
 * `TABLE_NAME`: the table's name (batch and transaction requests must spell it out).
 */
export const RESOLVER_ENVIRONMENT = { TABLE_NAME: TABLE_NAME_SOURCE } as const satisfies Readonly<Record<string, EnvironmentSource>>;

/** `dist/resolvers/manifest.json`. */
export interface ResolverManifest {
  readonly resolvers: readonly ResolverEntry[];
  /** Variable name → what to fill it with. */
  readonly environment: Readonly<Record<string, EnvironmentSource>>;
}

/**
 * The manifest of the discovered resolvers, with the environment they read.
 *
 * @example
 * writeOutputs('dist', bundles, manifestOf(discovered.resolvers), lambdas);
 */
export function manifestOf(resolvers: readonly ResolverEntry[]): ResolverManifest {
  return { resolvers: [...resolvers], environment: { ...RESOLVER_ENVIRONMENT } };
}

/**
 * `ctx.env` as AppSync holds it: every variable of `environment` filled from `values`. The CDK
 * app and the emulator both call this, so the resolvers see the same variables in both.
 *
 * @example
 * environmentValues({ TABLE_NAME: 'TABLE' }, { tableName: 'helpdesk' }); // { TABLE_NAME: 'helpdesk' }
 */
export function environmentValues(environment: Readonly<Record<string, EnvironmentSource>>, values: EnvironmentValues): Record<string, string> {
  return Object.fromEntries(Object.entries(environment).map(([name, source]) => [name, SOURCE_VALUES[source](values)]));
}

/** How each environment source is filled; typed to cover every source. */
const SOURCE_VALUES: Readonly<Record<EnvironmentSource, (values: EnvironmentValues) => string>> = {
  [TABLE_NAME_SOURCE]: (values) => values.tableName,
};
