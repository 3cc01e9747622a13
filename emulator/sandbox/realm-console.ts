/**
 * Runs INSIDE the sandbox realm: no Node APIs here.
 *
 * The `console` resolver code sees. Each call records one log line in AppSync's format, as the
 * EvaluateCode documentation shows it: `INFO - code.js:13:5: "This request is allowed"`
 * (https://docs.aws.amazon.com/appsync/latest/devguide/test-debug-resolvers-js.html), where
 * `13:5` is where the `console.log(…)` call starts. Strings are shown JSON-quoted as there;
 * how AppSync shows several arguments, objects, or levels other than `INFO` is unconfirmed:
 * here each argument is shown as JSON, separated by spaces, and `warn`, `error`, `debug` give
 * `WARN`, `ERROR`, `DEBUG`.
 */

/** Where logs go, and where each `console` call of the current module starts. */
export interface ConsoleState {
  logs: string[];
  /** V8's position of a call (`"line:column"`, that of the method name) → where the call starts. */
  sites: Record<string, [number, number]>;
}

/** How many log lines one run keeps, and how long one line may be. */
export const MAX_LOG_LINES = 1_000;
export const MAX_LOG_LINE_LENGTH = 100_000;

/** The file name resolver code is compiled under, as AppSync names it in logs. */
export const CODE_FILE_NAME = 'code.js';

const LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG' } as const;
const RealmError = Error;
const stringify = JSON.stringify;

/**
 * A frozen `console` whose methods append to `state.logs`.
 *
 * @example
 * ```ts
 * const state = { logs: [], sites: {} };
 * createConsole(state, isHandlerStop).log('hi'); // state.logs: ['INFO - code.js:…: "hi"']
 * ```
 */
export function createConsole(
  state: ConsoleState,
  isHandlerStop: (thrown: unknown) => boolean,
): Readonly<Record<keyof typeof LEVELS, (...args: unknown[]) => void>> {
  const formatArgument = (value: unknown) => format(value, isHandlerStop);
  const methods = {} as Record<keyof typeof LEVELS, (...args: unknown[]) => void>;
  for (const method of Object.keys(LEVELS) as Array<keyof typeof LEVELS>) {
    const level = LEVELS[method];
    const write = function (...args: unknown[]): void {
      if (state.logs.length > MAX_LOG_LINES) return;
      if (state.logs.length === MAX_LOG_LINES) {
        state.logs.push(`WARN - sandbox: more than ${MAX_LOG_LINES} log lines; the rest were dropped`);
        return;
      }
      const line = `${level} - ${callerLocation(state, write)}: ${args.map(formatArgument).join(' ')}`;
      state.logs.push(line.length > MAX_LOG_LINE_LENGTH ? `${line.slice(0, MAX_LOG_LINE_LENGTH)}…` : line);
    };
    Object.defineProperty(write, 'name', { value: method });
    methods[method] = write;
  }
  return Object.freeze(methods);
}

/** `code.js:line:column` of the code that called `method`. */
function callerLocation(state: ConsoleState, method: (...args: unknown[]) => void): string {
  const holder: { stack?: string } = {};
  RealmError.captureStackTrace(holder, method);
  const frame = String(holder.stack ?? '').split('\n')[1] ?? '';
  const match = /\(?([^\s()]+):(\d+):(\d+)\)?$/.exec(frame);
  if (!match) return `${CODE_FILE_NAME}:0:0`;
  const [, file, line, column] = match;
  if (file !== CODE_FILE_NAME) return `${file}:${line}:${column}`;
  const site = state.sites[`${line}:${column}`];
  return site ? `${CODE_FILE_NAME}:${site[0]}:${site[1]}` : `${CODE_FILE_NAME}:${line}:${column}`;
}

/** One argument as shown in a log line; `util.error` in a `toJSON` still stops the handler. */
function format(value: unknown, isHandlerStop: (thrown: unknown) => boolean): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
  if (typeof value === 'symbol' || typeof value === 'bigint') return String(value);
  if (value instanceof RealmError) return `${value.name}: ${value.message}`;
  try {
    return stringify(value) ?? String(value);
  } catch (error) {
    if (isHandlerStop(error)) throw error;
    return '[unserializable]';
  }
}
