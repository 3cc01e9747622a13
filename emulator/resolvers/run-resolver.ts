/**
 * Runs one resolver as AppSync does.
 *
 * - Unit: `request(ctx)` → data source → `response(ctx)` with `ctx.result` (and `ctx.error` when
 *   the data source failed: the response handler decides what becomes of it).
 * - Pipeline: the resolver's `request` → for each function `request` → data source → `response`,
 *   chaining `ctx.prev.result` and sharing `ctx.stash` → the resolver's `response`.
 * - `runtime.earlyReturn(value)` (AppSync's runtime reference): in a unit resolver's `request`,
 *   `value` is the field's result (no data source, no `response`); in a pipeline resolver's
 *   `request`, the functions are skipped and its `response` runs with `ctx.prev.result = value`;
 *   in a function, `value` is its result, then the next function (`skipTo: 'NEXT'`, the
 *   default) or straight to the resolver's `response` (`skipTo: 'END'`).
 * - `util.error` stops everything: the field is `null` with that error. `util.appendError`
 *   entries are reported and execution goes on.
 */
import { AppSyncFieldError } from '../graphql/appsync-error.ts';
import type { DataSource } from '../dynamodb/dynamodb-data-source.ts';
import { DataSourceError } from '../dynamodb/data-source-error.ts';
import type { DataSourceKind } from '../../scripts/resolver-manifest.ts';
import type { HandlerError, HandlerOutcome, HandlerRunner } from './handler-runner.ts';
import type { LoadedResolver } from './resolver-bundles.ts';
import { contextJson, type FieldInvocation, type HandlerState } from './resolver-context.ts';

/** What running a resolver needs from the emulator. */
export interface ResolverServices {
  readonly runHandler: HandlerRunner;
  /** The `TABLE` data source. */
  readonly table: DataSource;
  /** Receives `util.appendError` entries of this field. */
  readonly appendError: (error: HandlerError) => void;
  /** Receives resolver `console.log` lines. */
  readonly log: (line: string) => void;
}

function parse(json: string | undefined): unknown {
  return json === undefined ? null : (JSON.parse(json) as unknown);
}

function fieldError(error: HandlerError): AppSyncFieldError {
  return new AppSyncFieldError(error.message, error.errorType ?? null, error.data ?? null, error.errorInfo ?? null);
}

async function evaluate(services: ResolverServices, code: string, handler: 'request' | 'response', json: string): Promise<HandlerOutcome> {
  const outcome = await services.runHandler(code, handler, json);
  for (const line of outcome.logs) services.log(line);
  for (const appended of outcome.outErrors) services.appendError(appended);
  if (outcome.error !== null) throw fieldError(outcome.error);
  return outcome;
}

interface DataSourceAnswer {
  result: unknown;
  error: { message: string; type: string } | null;
}

async function callDataSource(services: ResolverServices, kind: DataSourceKind, request: unknown): Promise<DataSourceAnswer> {
  if (kind === 'NONE') {
    // AppSync's NONE data source hands back the request's `payload` as `ctx.result`.
    const payload = request !== null && typeof request === 'object' && 'payload' in request ? (request as { payload: unknown }).payload : null;
    return { result: payload ?? null, error: null };
  }
  try {
    return { result: await services.table.invoke(request), error: null };
  } catch (error) {
    if (error instanceof DataSourceError) return { result: error.result, error: { message: error.message, type: error.errorType } };
    throw error;
  }
}

/** One handler pair with a data source in between; `earlyEnd` tells the pipeline to skip to its end. */
async function runStage(
  services: ResolverServices,
  invocation: FieldInvocation,
  code: string,
  dataSource: DataSourceKind,
  stash: unknown,
  prev: { prevResult: unknown } | Record<string, never>,
): Promise<{ result: unknown; stash: unknown; earlyEnd: boolean }> {
  const request = await evaluate(services, code, 'request', contextJson(invocation, { stash, ...prev }));
  let currentStash = parse(request.stash);
  if (request.earlyReturn !== null) {
    return { result: parse(request.result), stash: currentStash, earlyEnd: request.earlyReturn.skipTo === 'END' };
  }
  const answer = await callDataSource(services, dataSource, parse(request.result));
  const state: HandlerState = { stash: currentStash, result: answer.result, error: answer.error, ...prev };
  const response = await evaluate(services, code, 'response', contextJson(invocation, state));
  currentStash = parse(response.stash);
  return {
    result: parse(response.result),
    stash: currentStash,
    earlyEnd: response.earlyReturn !== null && response.earlyReturn.skipTo === 'END',
  };
}

/**
 * Runs a resolver for one field and gives its result; rejects with an `AppSyncFieldError`.
 *
 * @example
 * const value = await runResolver(bundles.resolvers.get('Query.me'), invocation, services);
 */
export async function runResolver(resolver: LoadedResolver, invocation: FieldInvocation, services: ResolverServices): Promise<unknown> {
  if (resolver.kind === 'UNIT') {
    return (await runStage(services, invocation, resolver.code, resolver.dataSource, {}, {})).result;
  }
  const before = await evaluate(services, resolver.code, 'request', contextJson(invocation, { stash: {} }));
  let stash = parse(before.stash);
  let prevResult = parse(before.result);
  // An early return from the resolver's request skips every function, not its response.
  const functions = before.earlyReturn === null ? resolver.functions : [];
  for (const fn of functions) {
    const stage = await runStage(services, invocation, fn.code, fn.dataSource, stash, { prevResult });
    stash = stage.stash;
    prevResult = stage.result;
    if (stage.earlyEnd) break;
  }
  const after = await evaluate(services, resolver.code, 'response', contextJson(invocation, { stash, prevResult, result: prevResult }));
  return parse(after.result);
}
