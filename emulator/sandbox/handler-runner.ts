/**
 * Runs one handler (`request` or `response`) of APPSYNC_JS code in the sandbox and reports
 * what happened as plain host data. This is what the emulator calls for every resolver and
 * pipeline function, and what `evaluateCode` is built on.
 */
import type { AppendedError, EarlyReturnSkipTo } from '../runtime/contract.ts';
import type { CodeError } from './code-error.ts';
import { compileModule } from './compile-module.ts';
import type { RealmOutcome, RealmRequest } from './realm-protocol.ts';
import { createRealm, type SandboxRealm } from './realm.ts';

/** Options of one run. Every one has a default. */
export interface RunHandlerOptions {
  /** How long the handler may run, in milliseconds (default 1000). */
  timeoutMs?: number;
  /** What `util.authType()` returns (default `"Lambda Authorization"`, this API's auth mode). */
  authType?: string;
  /** The clock for `util.time.*`, `autoUlid`, `autoKsuid`, in epoch milliseconds (default `Date.now`). */
  now?: () => number;
}

/** A field error: from `util.error` / `util.unauthorized`, or the code failing. */
export interface HandlerError {
  message: string;
  /**
   * The type given to `util.error`, `Unauthorized` for `util.unauthorized`, the JavaScript
   * error's name (`TypeError`, …) when the code failed, `TimeoutError` when it ran too long,
   * and `CodeError` when the static check refused it (see `codeErrors`). The last three are
   * the emulator's names: AppSync's are unconfirmed.
   */
  errorType?: string;
  data?: unknown;
  errorInfo?: unknown;
}

/**
 * One call a handler made to `extensions.*`, as recorded: e.g.
 * `{ name: 'setSubscriptionFilter', args: [filter] }` or `{ name: 'invalidateSubscriptions', args: [{ subscriptionField, payload }] }`.
 * `args` are the call's arguments as JSON values.
 */
export interface ExtensionCall {
  name: string;
  args: unknown[];
}

/**
 * What one run of a handler produced: the one outcome type, from the sandbox through the
 * emulator's `HandlerRunner` to the resolver executor. JSON strings are exactly what the realm
 * serialized.
 */
export interface HandlerOutcome {
  /** The handler's return value as JSON; `undefined` when it returned nothing or stopped. */
  result: string | undefined;
  /** Set when the handler called `util.error`/`util.unauthorized`, failed, or timed out. */
  error?: HandlerError;
  /** Set when the static check refused the code (then nothing ran). */
  codeErrors?: CodeError[];
  /** Set when the handler called `runtime.earlyReturn(value, { skipTo })`; `value` is JSON. */
  earlyReturn?: { value: string | undefined; skipTo: EarlyReturnSkipTo };
  /** Errors recorded with `util.appendError`. */
  outErrors: AppendedError[];
  /** Calls made to `extensions.*`, in order, for the emulator to apply (the executor collects them). */
  extensions: ExtensionCall[];
  /** Headers set with `util.http.addResponseHeader(s)`. */
  responseHeaders: Record<string, unknown>;
  /** `console.*` lines, in AppSync's format: `INFO - code.js:3:5: "text"`. */
  logs: string[];
  /** `ctx.stash` after the handler ran, as JSON. */
  stash: string;
}

/** The handlers a module exports. */
export type HandlerName = 'request' | 'response';

/** The message AppSync gives code its checks refuse (`BadRequestException` on create/update). */
export const CODE_ERRORS_MESSAGE = 'The code contains one or more errors.';

const DEFAULT_TIMEOUT_MS = 1_000;
const DEFAULT_AUTH_TYPE = 'Lambda Authorization';

let defaultRealm: SandboxRealm | undefined;

/**
 * Runs `fn` of `code` with the AppSync context `contextJson` (`{ arguments, identity, source,
 * stash, prev, result, error, info, request }`, all optional) in the shared sandbox realm.
 * Never throws for anything the code does: refusals, errors and timeouts come back in the
 * outcome. Synchronous: the handler cannot wait for anything.
 *
 * @example
 * ```ts
 * const outcome = runHandler(bundle, 'request', JSON.stringify({ arguments: { id: 't1' } }));
 * if (outcome.error) reportFieldError(outcome.error);
 * else sendToDataSource(JSON.parse(outcome.result ?? 'null'));
 * ```
 */
export function runHandler(code: string, fn: HandlerName, contextJson: string, options: RunHandlerOptions = {}): HandlerOutcome {
  defaultRealm ??= createRealm();
  return runHandlerInRealm(defaultRealm, code, fn, contextJson, options);
}

/**
 * `runHandler` in a given realm rather than the shared one.
 *
 * @example
 * ```ts
 * runHandlerInRealm(createRealm(), code, 'request', '{}');
 * ```
 */
export function runHandlerInRealm(
  realm: SandboxRealm,
  code: string,
  fn: HandlerName,
  contextJson: string,
  options: RunHandlerOptions = {},
): HandlerOutcome {
  const compiled = compileModule(realm, code);
  if (compiled.codeErrors.length > 0) {
    return {
      ...emptyOutcome(),
      error: { message: CODE_ERRORS_MESSAGE, errorType: 'CodeError' },
      codeErrors: compiled.codeErrors,
    };
  }
  const request: RealmRequest = {
    fn,
    contextJson,
    authType: options.authType ?? DEFAULT_AUTH_TYPE,
    consoleSites: compiled.consoleSites,
  };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  realm.clock = options.now ?? Date.now;
  realm.api.prepare(compiled.factory, JSON.stringify(request));
  let outcomeJson: unknown;
  try {
    outcomeJson = realm.dispatchScript.runInContext(realm.context, { timeout: timeoutMs });
  } catch (error) {
    return stoppedOutcome(realm, error, timeoutMs);
  } finally {
    realm.clock = Date.now;
  }
  return typeof outcomeJson === 'string' ? toHostOutcome(outcomeJson) : internalFailure('The sandbox returned no outcome.');
}

/** A run the host had to stop: the timeout, or (never expected) an error escaping the realm. */
function stoppedOutcome(realm: SandboxRealm, error: unknown, timeoutMs: number): HandlerOutcome {
  // Node creates the timeout error in the realm (so it is no `instanceof Error` here); its
  // `code` is an own data property set by Node, and the realm's prototypes are frozen.
  const timedOut =
    typeof error === 'object' && error !== null && Object.getOwnPropertyDescriptor(error, 'code')?.value === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
  let logs: string[] = [];
  try {
    logs = parseStrings(realm.api.takeLogsJson());
  } catch {
    logs = [];
  }
  realm.api.reset();
  if (!timedOut) return { ...internalFailure('The sandbox stopped unexpectedly.'), logs };
  return {
    ...emptyOutcome(),
    logs,
    error: {
      message: `Execution timed out: the handler ran longer than ${timeoutMs} ms and was stopped.`,
      errorType: 'TimeoutError',
    },
  };
}

/** The realm's JSON outcome as host data (parsed here, by the host's own JSON.parse). */
function toHostOutcome(outcomeJson: string): HandlerOutcome {
  const parsed = JSON.parse(outcomeJson) as RealmOutcome & { internal?: string };
  if (typeof parsed.internal === 'string') return internalFailure(parsed.internal);
  const outcome: HandlerOutcome = {
    result: parsed.result,
    outErrors: JSON.parse(parsed.outErrors) as AppendedError[],
    extensions: JSON.parse(parsed.extensions) as ExtensionCall[],
    responseHeaders: JSON.parse(parsed.responseHeaders) as Record<string, unknown>,
    logs: parsed.logs,
    stash: parsed.stash,
  };
  if (parsed.error) {
    const { message, errorType, data, errorInfo } = parsed.error;
    outcome.error = {
      message,
      ...(errorType === undefined ? {} : { errorType }),
      ...(data === undefined ? {} : { data: JSON.parse(data) as unknown }),
      ...(errorInfo === undefined ? {} : { errorInfo: JSON.parse(errorInfo) as unknown }),
    };
  }
  if (parsed.earlyReturn) outcome.earlyReturn = { value: parsed.earlyReturn.value, skipTo: parsed.earlyReturn.skipTo };
  return outcome;
}

function emptyOutcome(): HandlerOutcome {
  return { result: undefined, outErrors: [], extensions: [], responseHeaders: {}, logs: [], stash: '{}' };
}

function internalFailure(message: string): HandlerOutcome {
  return { ...emptyOutcome(), error: { message, errorType: 'InternalFailure' } };
}

function parseStrings(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((line): line is string => typeof line === 'string') : [];
}
