/**
 * What the emulator needs from the sandbox: run one handler (`request` or `response`) of one
 * APPSYNC_JS module on a JSON context and report, as plain data, what happened. The outcome is
 * the sandbox's own `HandlerOutcome`, whole: nothing the runtime recorded (appended errors,
 * `extensions.*` calls, response headers, logs) is lost on the way to the executor.
 */
import type { HandlerName, HandlerOutcome } from '../sandbox/handler-runner.ts';

/**
 * Runs one handler of one module's code on a context given as JSON text. Resolves with the
 * outcome for anything the code does; rejects only when the emulator itself fails.
 *
 * @example
 * const runHandler: HandlerRunner = async (code, handler, contextJson) => runInSandbox(code, handler, contextJson);
 */
export type HandlerRunner = (code: string, handler: HandlerName, contextJson: string) => Promise<HandlerOutcome>;
