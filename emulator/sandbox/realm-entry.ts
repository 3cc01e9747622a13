/**
 * Runs INSIDE the sandbox realm: `realm-bundle.ts` bundles it with the APPSYNC_JS runtime
 * (`emulator/runtime/index.ts`) and evaluates both in the realm. No Node APIs here.
 *
 * It keeps everything a run needs on this side of the boundary: the runtime modules, the
 * `console`, the `ctx`, the catching of `util.error` / `runtime.earlyReturn`, and the
 * serialization of every result to JSON (under the host's timeout, so that a getter or a
 * `toJSON` in a returned value runs here, never in the host).
 */
import type { AppSyncModules, EvaluationSession, HostCapabilities } from '../runtime/contract.ts';
import { createConsole, type ConsoleState } from './realm-console.ts';
import { makeContext, type HandlerContext } from './realm-context.ts';
import { deepFreeze, hardenRealm } from './realm-harden.ts';
import type { RealmError, RealmHostApi, RealmOutcome, RealmRequest, RuntimeModule } from './realm-protocol.ts';

/** What the compiled module (see `rewrite-module.ts`) is: a function returning its exports. */
type ModuleFactory = (link: typeof linkImport, modules: AppSyncModules) => Record<string, unknown>;

const parseJson = JSON.parse;
const stringify = JSON.stringify;
const RealmError_ = Error;
const RealmSyntaxError = SyntaxError;
const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** What a run that could not start returns (never expected; the host reports it). */
const NOT_PREPARED = stringify({ internal: 'The sandbox was asked to run with nothing prepared, or while running.' });

/**
 * The realm's side of the sandbox, around the APPSYNC_JS runtime `runtime`. Its functions are
 * handed to the host only; resolver code can reach none of them (the dispatch script reads
 * `dispatch` from a binding whose name resolver code may not use, and `dispatch` refuses to
 * run twice at once).
 *
 * @example
 * ```ts
 * const api = createRealmApi(runtime);
 * api.install(randomHex, now);
 * api.harden();
 * ```
 */
export function createRealmApi(runtime: RuntimeModule): RealmHostApi {
  let modules: AppSyncModules | undefined;
  // The session of the current run: the modules are built once and read it on every use.
  let session: EvaluationSession = newSession('');
  let pending: { factory: ModuleFactory; requestJson: string } | undefined;
  let running = false;
  const consoleState: ConsoleState = { logs: [], sites: {} };

  return Object.freeze({
    install(randomHex: (count: number) => string, nowEpochMilliseconds: () => number): void {
      if (modules) return;
      // The host's functions stay in this closure; resolver code only ever reaches these
      // wrappers, which are functions of this realm and pass primitives only.
      const host: HostCapabilities = Object.freeze({
        randomHex: (count: number): string => {
          const hex: unknown = randomHex(Number(count));
          return typeof hex === 'string' ? hex : '';
        },
        nowEpochMilliseconds: (): number => {
          const now: unknown = nowEpochMilliseconds();
          return typeof now === 'number' ? now : Date.now();
        },
      });
      modules = runtime.createAppSyncModules(host, () => session);
    },
    harden(): void {
      hardenRealm(globalThis, { console: createConsole(consoleState, runtime.isHandlerStop) });
      deepFreeze(modules);
    },
    prepare(factory: unknown, requestJson: string): void {
      pending = typeof factory === 'function' ? { factory: factory as ModuleFactory, requestJson: String(requestJson) } : undefined;
    },
    reset(): void {
      running = false;
      pending = undefined;
    },
    takeLogsJson(): string {
      return stringify(consoleState.logs);
    },
    dispatch(): string {
      if (running || !pending || !modules) return NOT_PREPARED;
      running = true;
      const { factory, requestJson } = pending;
      pending = undefined;
      let outcome: string;
      try {
        const request = parseJson(requestJson) as RealmRequest;
        session = newSession(request.authType);
        outcome = run(runtime, modules, session, factory, request, consoleState);
      } catch {
        outcome = stringify({ internal: 'The sandbox failed while reporting the outcome of a run.' });
      }
      running = false;
      return outcome;
    },
  });
}

/** One run: load the module, call the handler, serialize everything. */
function run(
  runtime: RuntimeModule,
  modules: AppSyncModules,
  session: EvaluationSession,
  factory: ModuleFactory,
  request: RealmRequest,
  consoleState: ConsoleState,
): string {
  consoleState.logs = [];
  consoleState.sites = request.consoleSites;
  const outcome: RealmOutcome = { outErrors: '[]', extensions: '[]', responseHeaders: '{}', logs: [], stash: '{}' };
  let ctx: HandlerContext | undefined;
  try {
    ctx = makeContext(parseJson(request.contextJson));
    // Evaluating the module body here, per run, gives every run fresh module-level state.
    const exports = factory(linkImport, modules);
    const handler = hasOwn(exports, request.fn) ? exports[request.fn] : undefined;
    if (typeof handler === 'function') {
      outcome.result = stringify(handler(ctx));
    } else {
      outcome.error = { message: `The code does not export a function named ${request.fn}.`, errorType: 'TypeError' };
    }
  } catch (thrown) {
    recordThrown(runtime, outcome, thrown);
  }
  const serialized = {
    stash: serializeRecord(ctx?.stash ?? {}, 'stash'),
    outErrors: serializeRecord(session.outErrors, 'outErrors'),
    extensions: serializeRecord(session.extensions, 'extensions'),
    responseHeaders: serializeRecord(session.responseHeaders ?? {}, 'responseHeaders'),
  };
  for (const [key, value] of Object.entries(serialized)) {
    if (typeof value === 'string') outcome[key as keyof typeof serialized] = value;
    else outcome.error ??= value;
  }
  outcome.logs = consoleState.logs;
  return stringify(outcome);
}

function newSession(authType: string): EvaluationSession {
  return { outErrors: [], extensions: [], authType, responseHeaders: {} };
}

/**
 * Resolves one import of the compiled module, as ESM linking would: a missing export is a
 * `SyntaxError` with V8's wording.
 */
function linkImport(modules: AppSyncModules, specifier: string, name: string): unknown {
  const module = hasOwn(modules, specifier) ? modules[specifier as keyof AppSyncModules] : undefined;
  if (!module) throw new RealmSyntaxError(`Cannot find module '${specifier}'`);
  if (name === '*') return module;
  if (!hasOwn(module, name)) {
    throw new RealmSyntaxError(`The requested module '${specifier}' does not provide an export named '${name}'`);
  }
  return module[name];
}

/** A caught value as the run's outcome: a field error, an early return, or a failure. */
function recordThrown(runtime: RuntimeModule, outcome: RealmOutcome, thrown: unknown): void {
  try {
    if (runtime.isHandlerStop(thrown)) {
      if (thrown.kind === 'earlyReturn') {
        outcome.earlyReturn = { value: stringify(thrown.value), skipTo: thrown.skipTo };
      } else {
        outcome.error = {
          message: String(thrown.message),
          ...(thrown.errorType === undefined ? {} : { errorType: String(thrown.errorType) }),
          ...optionalJson('data', thrown.data),
          ...optionalJson('errorInfo', thrown.errorInfo),
        };
      }
      return;
    }
    if (thrown instanceof RealmError_) {
      outcome.error = { message: String(thrown.message), errorType: String(thrown.name) };
      return;
    }
    outcome.error = { message: String(thrown) };
  } catch (failure) {
    outcome.earlyReturn = undefined;
    outcome.error = { message: `The handler failed, and its error could not be read: ${describe(failure)}` };
  }
}

function optionalJson(key: 'data' | 'errorInfo', value: unknown): Partial<RealmError> {
  if (value === undefined) return {};
  const json = stringify(value);
  return json === undefined ? {} : { [key]: json };
}

/** `value` as JSON, or the error saying why it cannot be. */
function serializeRecord(value: unknown, what: string): string | RealmError {
  try {
    return stringify(value) ?? 'null';
  } catch (failure) {
    return { message: `The ${what} could not be serialized to JSON: ${describe(failure)}`, errorType: 'TypeError' };
  }
}

function describe(failure: unknown): string {
  try {
    return failure instanceof RealmError_ ? String(failure.message) : String(failure);
  } catch {
    return 'unknown error';
  }
}
