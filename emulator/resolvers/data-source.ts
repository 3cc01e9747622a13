/**
 * The contract between the resolver executor and a data source: AppSync hands the data source
 * what the `request` handler returned, and the `response` handler gets the answer as
 * `ctx.result` (and `ctx.error` when the data source failed: the handler decides what becomes of
 * it). Each kind of data source is one module implementing this; `data-sources.ts` registers them.
 */

/** What a data source answers: `ctx.result`, and `ctx.error` (`{ message, type }`) when it failed. */
export interface DataSourceAnswer {
  readonly result: unknown;
  readonly error: { readonly message: string; readonly type: string } | null;
}

/**
 * One data source as resolvers use it. A failure AppSync reports to the resolver comes back as
 * `answer.error`; a rejection means the emulator itself failed (the field gets AppSync's
 * generic internal failure).
 *
 * @example
 * const echo: ResolverDataSource = { invoke: async (request) => ({ result: request, error: null }) };
 */
export interface ResolverDataSource {
  invoke(request: unknown): Promise<DataSourceAnswer>;
}

/**
 * The data sources a resolver run can call, by the kind the manifest names (`NONE`, `TABLE`, …).
 *
 * @example
 * const registry: DataSourceRegistry = new Map([['NONE', NONE_DATA_SOURCE]]);
 */
export type DataSourceRegistry = ReadonlyMap<string, ResolverDataSource>;
