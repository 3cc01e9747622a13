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
 * - The data source of each stage is looked up by kind in `services.dataSources`.
 * - `extensions.*` calls (`setSubscriptionFilter`, `setSubscriptionInvalidationFilter`,
 *   `invalidateSubscriptions`, `evictFromApiCache`) of every handler that ran are collected, in
 *   the order they were made, and returned with the value (`ResolverRun.extensions`): applying
 *   them is the caller's business (the subscription layer reads them). Response headers
 *   (`util.http.addResponseHeader`) are collected the same way. A run that stops with an error
 *   returns nothing, so its calls are dropped with it.
 */
import type { ExtensionCall, HandlerError, HandlerOutcome } from '../sandbox/handler-runner.ts';
import { AppSyncFieldError } from './appsync-field-error.ts';
import type { DataSourceAnswer, DataSourceRegistry } from './data-source.ts';
import type { HandlerRunner } from './handler-runner.ts';
import { contextJson, type FieldInvocation, type HandlerState } from './resolver-context.ts';

/** What running a resolver needs from the emulator. */
export interface ResolverServices {
  readonly runHandler: HandlerRunner;
  /** The data sources by kind, e.g. `emulatorDataSources({ table })`. */
  readonly dataSources: DataSourceRegistry;
  /** Receives `util.appendError` entries of this field. */
  readonly appendError: (error: HandlerError) => void;
  /** Receives resolver `console.log` lines. */
  readonly log: (line: string) => void;
}

/**
 * A resolver as the executor runs it: its code and its stages' data source kinds. The loaded
 * resolvers of a build are such; `Kind` is open so that a registry can hold kinds of its own.
 */
export type RunnableResolver<Kind extends string = string> =
  | { readonly kind: 'UNIT'; readonly code: string; readonly dataSource: Kind }
  | { readonly kind: 'PIPELINE'; readonly code: string; readonly functions: ReadonlyArray<{ readonly code: string; readonly dataSource: Kind }> };

/** What one field's resolver run gave. */
export interface ResolverRun {
  /** The field's value. */
  readonly value: unknown;
  /** Every `extensions.*` call of the run's handlers, in the order they were made. */
  readonly extensions: readonly ExtensionCall[];
  /** Headers the handlers set with `util.http.addResponseHeader(s)`; a later one wins. */
  readonly responseHeaders: Readonly<Record<string, unknown>>;
}

/** What the handlers of one run recorded, besides their results. */
interface RunRecord {
  readonly extensions: ExtensionCall[];
  readonly responseHeaders: Record<string, unknown>;
}

function parse(json: string | undefined): unknown {
  return json === undefined ? null : (JSON.parse(json) as unknown);
}

/** The handler's result as JSON: the early return's value when it returned early. */
function resultOf(outcome: HandlerOutcome): unknown {
  return parse(outcome.earlyReturn === undefined ? outcome.result : outcome.earlyReturn.value);
}

function fieldError(error: HandlerError): AppSyncFieldError {
  return new AppSyncFieldError(error.message, error.errorType ?? null, error.data ?? null, error.errorInfo ?? null);
}

async function evaluate(services: ResolverServices, record: RunRecord, code: string, handler: 'request' | 'response', json: string): Promise<HandlerOutcome> {
  const outcome = await services.runHandler(code, handler, json);
  for (const line of outcome.logs) services.log(line);
  for (const appended of outcome.outErrors) services.appendError(appended);
  if (outcome.error !== undefined) throw fieldError(outcome.error);
  record.extensions.push(...outcome.extensions);
  Object.assign(record.responseHeaders, outcome.responseHeaders);
  return outcome;
}

async function callDataSource(services: ResolverServices, kind: string, request: unknown): Promise<DataSourceAnswer> {
  const dataSource = services.dataSources.get(kind);
  // The manifest reader admits only known kinds; a kind without a module is the emulator's bug.
  if (dataSource === undefined) throw new Error(`No data source is registered for kind ${JSON.stringify(kind)}.`);
  return dataSource.invoke(request);
}

/** One handler pair with a data source in between; `earlyEnd` tells the pipeline to skip to its end. */
async function runStage(
  services: ResolverServices,
  record: RunRecord,
  invocation: FieldInvocation,
  stage: { readonly code: string; readonly dataSource: string },
  stash: unknown,
  prev: { prevResult: unknown } | Record<string, never>,
): Promise<{ result: unknown; stash: unknown; earlyEnd: boolean }> {
  const request = await evaluate(services, record, stage.code, 'request', contextJson(invocation, { stash, ...prev }));
  let currentStash = parse(request.stash);
  if (request.earlyReturn !== undefined) {
    return { result: resultOf(request), stash: currentStash, earlyEnd: request.earlyReturn.skipTo === 'END' };
  }
  const answer = await callDataSource(services, stage.dataSource, resultOf(request));
  const state: HandlerState = { stash: currentStash, result: answer.result, error: answer.error, ...prev };
  const response = await evaluate(services, record, stage.code, 'response', contextJson(invocation, state));
  currentStash = parse(response.stash);
  return { result: resultOf(response), stash: currentStash, earlyEnd: response.earlyReturn?.skipTo === 'END' };
}

/**
 * Runs a resolver for one field: resolves with its value and what its handlers recorded;
 * rejects with an `AppSyncFieldError` when a handler stopped with an error.
 *
 * @example
 * const { value, extensions } = await runResolver(bundles.resolvers.get('Query.me'), invocation, services);
 * const filters = extensions.filter((call) => call.name === 'setSubscriptionFilter');
 */
export async function runResolver(resolver: RunnableResolver, invocation: FieldInvocation, services: ResolverServices): Promise<ResolverRun> {
  const record: RunRecord = { extensions: [], responseHeaders: {} };
  const done = (value: unknown): ResolverRun => ({ value, extensions: record.extensions, responseHeaders: record.responseHeaders });
  if (resolver.kind === 'UNIT') {
    return done((await runStage(services, record, invocation, resolver, {}, {})).result);
  }
  const before = await evaluate(services, record, resolver.code, 'request', contextJson(invocation, { stash: {} }));
  let stash = parse(before.stash);
  let prevResult = resultOf(before);
  // An early return from the resolver's request skips every function, not its response.
  const functions = before.earlyReturn === undefined ? resolver.functions : [];
  for (const fn of functions) {
    const stage = await runStage(services, record, invocation, fn, stash, { prevResult });
    stash = stage.stash;
    prevResult = stage.result;
    if (stage.earlyEnd) break;
  }
  const after = await evaluate(services, record, resolver.code, 'response', contextJson(invocation, { stash, prevResult, result: prevResult }));
  return done(resultOf(after));
}
