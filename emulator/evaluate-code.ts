/**
 * `evaluateCode`: AppSync's `EvaluateCode` API, answered on this machine. Same input and output
 * shapes as `@aws-sdk/client-appsync`'s `EvaluateCodeCommand`, so one resolver test can run
 * here or against AWS unchanged
 * (https://docs.aws.amazon.com/appsync/latest/APIReference/API_EvaluateCode.html).
 */
import { MAX_CODE_LENGTH } from '../infra/api-limits.ts';
import type { CodeError } from './sandbox/index.ts';
import { runHandler, type HandlerName, type RunHandlerOptions } from './sandbox/handler-runner.ts';

/** The input of `EvaluateCode`. */
export interface EvaluateCodeInput {
  /** Only `{ name: 'APPSYNC_JS', runtimeVersion: '1.0.0' }` exists. */
  runtime: { name: 'APPSYNC_JS' | (string & {}); runtimeVersion: '1.0.0' | (string & {}) };
  /** The module's code (1 to 32 768 characters). */
  code: string;
  /** The context as JSON: `{ arguments, identity, source, stash, prev, result, error, info, request }`. */
  context: string;
  /** The handler to evaluate; `request` when absent (AWS leaves the default undocumented). */
  function?: HandlerName | (string & {});
}

/** The output of `EvaluateCode`. */
export interface EvaluateCodeOutput {
  /** The handler's result as JSON; absent when it stopped with an error. */
  evaluationResult?: string;
  /** Why the evaluation failed: `util.error`'s message, a runtime error, or code errors. */
  error?: { message: string; codeErrors?: CodeError[] };
  /** `console.*` lines: `INFO - code.js:13:5: "text"`. */
  logs?: string[];
  /** `ctx.stash` after the handler, as JSON. */
  stash?: string;
  /** The errors `util.appendError` recorded, as a JSON array. */
  outErrors?: string;
}

/** The `context` length AppSync accepts. */
const CONTEXT_LENGTH = { min: 2, max: 28_000 } as const;

/**
 * AWS's answer to a request it does not accept: thrown before any code runs, as the AWS SDK
 * throws the service's `BadRequestException`. Whether AppSync reports these cases as
 * `BadRequestException` or `ValidationException`, and its exact wording, is unconfirmed.
 */
export class BadRequestException extends Error {
  override readonly name = 'BadRequestException';
}

/**
 * Evaluates one handler of APPSYNC_JS code on a context, as AppSync's `EvaluateCode` does:
 * code APPSYNC_JS rejects gives `error.codeErrors` and does not run; `util.error('foo')` gives
 * `error.message === 'foo'`.
 *
 * @example
 * ```ts
 * const out = await evaluateCode({
 *   runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
 *   code: "export function request(ctx) { return { id: ctx.args.id }; }",
 *   context: JSON.stringify({ arguments: { id: 't1' } }),
 *   function: 'request',
 * });
 * JSON.parse(out.evaluationResult ?? 'null'); // { id: 't1' }
 * ```
 */
export async function evaluateCode(input: EvaluateCodeInput, options: RunHandlerOptions = {}): Promise<EvaluateCodeOutput> {
  const fn = validate(input);
  const outcome = runHandler(input.code, fn, input.context, options);
  const output: EvaluateCodeOutput = {
    logs: outcome.logs,
    stash: outcome.codeErrors ? stashOf(input.context) : outcome.stash,
    outErrors: JSON.stringify(outcome.outErrors),
  };
  if (outcome.codeErrors) {
    output.error = { message: outcome.error?.message ?? '', codeErrors: outcome.codeErrors };
  } else if (outcome.error) {
    output.error = { message: outcome.error.message };
  } else if (outcome.earlyReturn) {
    // `runtime.earlyReturn(value)` makes `value` the handler's result.
    output.evaluationResult = outcome.earlyReturn.value ?? 'null';
  } else {
    // A handler that returns nothing: AppSync's answer here is unconfirmed; JSON `null` it is.
    output.evaluationResult = outcome.result ?? 'null';
  }
  return output;
}

/** Refuses what AWS refuses before evaluating (its documented constraints); returns the handler. */
function validate(input: EvaluateCodeInput): HandlerName {
  const { runtime, code, context } = input;
  if (runtime?.name !== 'APPSYNC_JS' || runtime.runtimeVersion !== '1.0.0') {
    throw new BadRequestException("runtime must be { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' }.");
  }
  if (typeof code !== 'string' || code.length < 1 || code.length > MAX_CODE_LENGTH) {
    throw new BadRequestException(
      `1 validation error detected: Value at 'code' failed to satisfy constraint: Member must have length between 1 and ${MAX_CODE_LENGTH}.`,
    );
  }
  if (typeof context !== 'string' || context.length < CONTEXT_LENGTH.min || context.length > CONTEXT_LENGTH.max) {
    throw new BadRequestException(
      `1 validation error detected: Value at 'context' failed to satisfy constraint: Member must have length between ${CONTEXT_LENGTH.min} and ${CONTEXT_LENGTH.max}.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(context);
  } catch {
    throw new BadRequestException('The context is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BadRequestException('The context must be a JSON object.');
  }
  const fn: string = input.function ?? 'request';
  if (isHandlerName(fn)) return fn;
  throw new BadRequestException("function must be 'request' or 'response'.");
}

function isHandlerName(name: string): name is HandlerName {
  return name === 'request' || name === 'response';
}

/** The stash given in the context, unchanged (for code that did not run). */
function stashOf(context: string): string {
  const stash = (JSON.parse(context) as { stash?: unknown }).stash;
  return typeof stash === 'object' && stash !== null && !Array.isArray(stash) ? JSON.stringify(stash) : '{}';
}
