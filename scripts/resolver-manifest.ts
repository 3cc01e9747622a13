/**
 * The contract between `npm run build` and the code that deploys or runs the resolvers (the CDK
 * app and the offline emulator): `dist/resolvers/manifest.json`. Every `code` path is relative
 * to `dist/resolvers/`.
 */

/** The data sources a resolver or pipeline function can use: the table, or AppSync's NONE. */
export type DataSourceKind = 'NONE' | 'TABLE';

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
 * API environment variables (`ctx.env`) the resolvers read, and what each must hold.
 * `TABLE_NAME`: the physical name of the `TABLE` data source's table (batch requests name it).
 */
export interface ResolverEnvironment {
  readonly TABLE_NAME: 'TABLE';
}

/** `dist/resolvers/manifest.json`. */
export interface ResolverManifest {
  readonly resolvers: readonly ResolverEntry[];
  /** Variable name → what to put in it (`'TABLE'`: the table's name). */
  readonly environment: ResolverEnvironment;
}
