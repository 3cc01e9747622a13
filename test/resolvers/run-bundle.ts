/**
 * Runs one handler of a BUILT resolver bundle (`dist/resolvers/…`, written by the suite's global
 * setup) through `evaluateCode`, which takes and returns the shapes of AppSync's EvaluateCode
 * API: the same test could send the same bundle and context to AWS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { evaluateCode } from '../../emulator/index.ts';
import { runHandler as runInSandbox } from '../../emulator/sandbox/index.ts';
import type { AppSyncContext } from './make-context.ts';

/** Where the build writes the resolver bundles. */
export const BUNDLE_DIR = fileURLToPath(new URL('../../dist/resolvers/', import.meta.url));

/** What one handler call gave, parsed from EvaluateCode's JSON strings. */
export interface HandlerOutcome {
  /** The handler's return value; `undefined` when it stopped with an error. */
  readonly result: unknown;
  readonly error: { readonly message: string; readonly errorType?: string } | undefined;
  readonly stash: Record<string, unknown>;
  readonly outErrors: unknown[];
  readonly logs: readonly string[];
}

/** The text of a built bundle, e.g. `Query.ticket.js` or `Mutation.addComment/1-get-ticket.js`. */
export function readBundle(bundle: string): string {
  return readFileSync(join(BUNDLE_DIR, bundle), 'utf8');
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value === '' ? undefined : JSON.parse(value);
}

/**
 * Evaluates `fn` of a built bundle with `ctx`.
 *
 * @example
 * const outcome = await runHandler('Query.ticket.js', 'request', makeContext({ field: 'Query.ticket', persona: 'customer', args: { id } }));
 */
export async function runHandler(bundle: string, fn: 'request' | 'response', ctx: AppSyncContext): Promise<HandlerOutcome> {
  const output = await evaluateCode({
    runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
    code: readBundle(bundle),
    context: JSON.stringify(ctx),
    function: fn,
  });
  expect(output.error?.codeErrors ?? [], `code errors in ${bundle}`).toEqual([]);
  const error = output.error === undefined ? undefined : { message: output.error.message, errorType: errorTypeOf(bundle, fn, ctx) };
  return {
    result: error === undefined ? parseJson(output.evaluationResult) : undefined,
    error,
    stash: (parseJson(output.stash) ?? {}) as Record<string, unknown>,
    outErrors: (parseJson(output.outErrors) ?? []) as unknown[],
    logs: (output.logs ?? []) as string[],
  };
}

/**
 * The `errorType` the handler gave `util.error`. AWS's EvaluateCode reports only the message, so
 * the type is read from the emulator's sandbox (which `evaluateCode` is built on) running the
 * same bundle on the same context. Against AWS, assert the message alone.
 */
function errorTypeOf(bundle: string, fn: 'request' | 'response', ctx: AppSyncContext): string | undefined {
  return runInSandbox(readBundle(bundle), fn, JSON.stringify(ctx)).error?.errorType;
}

/**
 * Asserts the handler stopped with `util.error(message, errorType)`: the message matches and,
 * where the evaluator reports the type, the type is `errorType`.
 */
export function expectFieldError(outcome: HandlerOutcome, errorType: string, message: RegExp): void {
  expect(outcome.error, 'the handler should have stopped with an error').toBeDefined();
  expect(outcome.error?.message).toMatch(message);
  expect(outcome.error?.errorType).toBe(errorType);
}
