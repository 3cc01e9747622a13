/**
 * The contract between the APPSYNC_JS runtime modules (`emulator/runtime/`) and the sandbox
 * that runs resolver code (`emulator/sandbox/`). The runtime is evaluated *inside* the sandbox's
 * realm, so it must be plain JavaScript: no `node:` imports, no Buffer, no host objects. What it
 * needs from the host comes through `HostCapabilities`, whose functions take and return
 * primitives only and never throw (a host function or host error reachable from resolver code
 * would hand out the host's `Function` constructor).
 *
 * How a handler is stopped: `util.error`, `util.unauthorized` and `runtime.earlyReturn` throw a
 * `HandlerStop` (see `handler-stop.ts`, re-exported by `index.ts`). The sandbox recognizes it
 * with `isHandlerStop`, which works across realms because it checks a brand property rather
 * than `instanceof`. Anything else thrown by the runtime is a plain `Error` meaning "the
 * resolver called a helper wrongly" (AppSync reports those as evaluation errors too).
 */

/** Primitive-only services the host lends the runtime. */
export interface HostCapabilities {
  /** `count` cryptographically random bytes as lowercase hex. */
  randomHex(count: number): string;
  /**
   * The current time in epoch milliseconds. Optional: without it the runtime reads the realm's
   * own `Date.now()`. Lets the host (and tests) pin the clock for `util.time.*`, `autoUlid`
   * and `autoKsuid`.
   */
  nowEpochMilliseconds?(): number;
}

/** One entry of `outErrors`, as `util.appendError` records it. */
export interface AppendedError {
  message: string;
  errorType?: string;
  data?: unknown;
  errorInfo?: unknown;
}

/** What one evaluation of one handler records besides its return value. */
export interface EvaluationSession {
  /** Errors recorded by `util.appendError`, in AppSync's `outErrors` shape. */
  readonly outErrors: AppendedError[];
  /** Calls made to `extensions.*`, recorded for the emulator to apply. */
  readonly extensions: Array<{ name: string; args: unknown[] }>;
  /** What `util.authType()` returns, e.g. `"Lambda Authorization"`. */
  authType: string;
  /**
   * Headers added with `util.http.addResponseHeader(s)`, recorded for the emulator to send.
   * Optional so that a session without it still works: the runtime then creates it.
   */
  responseHeaders?: Record<string, unknown>;
}

/** The modules a resolver may import, keyed by import specifier. */
export interface AppSyncModules {
  readonly '@aws-appsync/utils': Readonly<Record<string, unknown>>;
  readonly '@aws-appsync/utils/dynamodb': Readonly<Record<string, unknown>>;
}

/** Why a handler stopped: a field error (`util.error`, `util.unauthorized`) or an early return. */
export type HandlerStopKind = 'error' | 'earlyReturn';

/** Where `runtime.earlyReturn` sends a pipeline; `null` when the resolver gave no `skipTo`. */
export type EarlyReturnSkipTo = 'END' | 'NEXT' | null;
