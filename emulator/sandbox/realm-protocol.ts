/**
 * What crosses the boundary between the host and the sandbox realm. Both directions carry one
 * JSON string (plus, host to realm, the realm's own compiled module function), so that no
 * object of one realm is ever handed to code of the other.
 */

import type { AppSyncModules, EvaluationSession, HostCapabilities } from '../runtime/contract.ts';
import type { HandlerStop } from '../runtime/handler-stop.ts';

/** What the sandbox needs of the APPSYNC_JS runtime module (`emulator/runtime/index.ts`). */
export interface RuntimeModule {
  /** Builds the modules once per realm; `session` is read on every use (one session per run). */
  createAppSyncModules(host: HostCapabilities, session: () => EvaluationSession): AppSyncModules;
  isHandlerStop(x: unknown): x is HandlerStop;
}

/** What the host asks the realm to run (sent as JSON). */
export interface RealmRequest {
  /** The handler to call: an export of the module, `request` or `response`. */
  fn: string;
  /** The context as JSON (AppSync's `ctx` shape; see `realm-context.ts`). */
  contextJson: string;
  /** What `util.authType()` returns. */
  authType: string;
  /**
   * Where each `console.*(…)` call starts, keyed by the position V8 reports for it (that of the
   * method name): `"line:column"` → `[line, column]`, 1-based.
   */
  consoleSites: Record<string, [number, number]>;
}

/** A field error as the realm reports it; `data` and `errorInfo` are JSON (or absent). */
export interface RealmError {
  message: string;
  errorType?: string;
  data?: string;
  errorInfo?: string;
}

/** What one run produced (sent as JSON). Values are JSON strings, serialized in the realm. */
export interface RealmOutcome {
  result?: string;
  error?: RealmError;
  earlyReturn?: { value?: string; skipTo: 'END' | 'NEXT' | null };
  /** `util.appendError` records, as a JSON array. */
  outErrors: string;
  /** `extensions.*` calls, as a JSON array of `{ name, args }`. */
  extensions: string;
  /** Headers set with `util.http.addResponseHeader(s)`, as a JSON object. */
  responseHeaders: string;
  logs: string[];
  /** `ctx.stash` after the handler, as JSON. */
  stash: string;
}

/** The functions the realm lends the host (never reachable from resolver code). */
export interface RealmHostApi {
  /** Hands the realm the host's capabilities; works once. */
  install(randomHex: (count: number) => string, nowEpochMilliseconds: () => number): void;
  /** Freezes the realm's built-ins and global object; call after the last setup step. */
  harden(): void;
  /** Queues the next run: the compiled module function and a `RealmRequest` as JSON. */
  prepare(factory: unknown, requestJson: string): void;
  /** Clears a run that was stopped (timeout) so that the next one can start. */
  reset(): void;
  /** The logs of the last run so far, as a JSON array (what a stopped run had logged). */
  takeLogsJson(): string;
  /** Runs the prepared request; called only from the dispatch script, under the timeout. */
  dispatch(): string;
}
