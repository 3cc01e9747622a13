/**
 * Runs one handler of a BUILT resolver bundle (`dist/resolvers/…`, written by the suite's global
 * setup) through `evaluateCode`, which takes and returns the shapes of AppSync's EvaluateCode
 * API: the same test could send the same bundle and context to AWS. What EvaluateCode does not
 * report (the `util.error` type, `extensions.*` calls, response headers) is read from the
 * emulator's sandbox running the same bundle on the same context, in the emulator's one
 * outcome type.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { evaluateCode } from '../../emulator/index.ts';
import { runHandler as runInSandbox, type HandlerOutcome as SandboxOutcome } from '../../emulator/sandbox/index.ts';
import type { AppSyncContext } from './make-context.ts';

/** Where the build writes the resolver bundles. */
export const BUNDLE_DIR = fileURLToPath(new URL('../../dist/resolvers/', import.meta.url));

/**
 * What one handler call gave: the sandbox's `HandlerOutcome` (`extensions`, `responseHeaders`,
 * `logs` as they are), with the EvaluateCode answer's JSON strings parsed.
 */
export interface HandlerOutcome extends Pick<SandboxOutcome, 'extensions' | 'responseHeaders' | 'logs'> {
  /** The handler's return value; `undefined` when it stopped with an error. */
  readonly result: unknown;
  readonly error: { readonly message: string; readonly errorType?: string } | undefined;
  readonly stash: Record<string, unknown>;
  readonly outErrors: unknown[];
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
  // AWS's EvaluateCode reports neither the `util.error` type nor `extensions.*` calls: they are
  // read from the sandbox (which `evaluateCode` is built on). Against AWS, assert the message alone.
  const sandbox = runInSandbox(readBundle(bundle), fn, JSON.stringify(ctx));
  const error = output.error === undefined ? undefined : { message: output.error.message, errorType: sandbox.error?.errorType };
  return {
    result: error === undefined ? parseJson(output.evaluationResult) : undefined,
    error,
    stash: (parseJson(output.stash) ?? {}) as Record<string, unknown>,
    outErrors: (parseJson(output.outErrors) ?? []) as unknown[],
    logs: output.logs ?? [],
    extensions: sandbox.extensions,
    responseHeaders: sandbox.responseHeaders,
  };
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
