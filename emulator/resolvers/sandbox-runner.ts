/**
 * The sandbox's `runHandler` as the emulator's `HandlerRunner`: the outcome passes through
 * whole; code the static check refuses is also reported to the server log.
 */
import { runHandler, type RunHandlerOptions } from '../sandbox/handler-runner.ts';
import type { HandlerRunner } from './handler-runner.ts';

/**
 * Creates a runner over the shared sandbox realm. Code the static check refuses is reported to
 * `log` with its locations, and to the client as AppSync's generic code error.
 *
 * @example
 * const runHandler = createSandboxRunner({ authType: 'Lambda Authorization' }, console.error);
 */
export function createSandboxRunner(options: RunHandlerOptions, log: (line: string) => void): HandlerRunner {
  return async (code, handler, contextJson) => {
    const outcome = runHandler(code, handler, contextJson, options);
    if (outcome.codeErrors !== undefined && outcome.codeErrors.length > 0) {
      log(`code refused: ${JSON.stringify(outcome.codeErrors)}`);
    }
    return outcome;
  };
}
