/**
 * What the emulator needs from the sandbox: run one handler (`request` or `response`) of one
 * APPSYNC_JS module on a JSON context and report, as plain data, what happened.
 */

/** An error as the runtime reports it (`util.error`, `util.appendError`, an evaluation error). */
export interface HandlerError {
  readonly message: string;
  readonly errorType?: string | null;
  readonly data?: unknown;
  readonly errorInfo?: unknown;
}

/** The outcome of one handler evaluation. */
export interface HandlerOutcome {
  /** The handler's return value as JSON text, or `undefined` when it returned nothing or stopped with an error. */
  readonly result: string | undefined;
  /** Set when the handler stopped with `util.error` / `util.unauthorized` or failed to evaluate. */
  readonly error: HandlerError | null;
  /** `util.appendError` entries. */
  readonly outErrors: readonly HandlerError[];
  /** `ctx.stash` after the handler, as JSON text. */
  readonly stash: string;
  /** Set when the handler called `runtime.earlyReturn`; `skipTo` as given (`'END'`, `'NEXT'`) or `null`. */
  readonly earlyReturn: { readonly skipTo: 'END' | 'NEXT' | null } | null;
  /** `console.log` lines. */
  readonly logs: readonly string[];
}

/** Runs one handler of one module's code on a context given as JSON text. */
export type HandlerRunner = (code: string, handler: 'request' | 'response', contextJson: string) => Promise<HandlerOutcome>;
