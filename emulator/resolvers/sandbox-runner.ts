/**
 * The sandbox's `runHandler` seen through the emulator's `HandlerRunner` contract.
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
    return {
      result: outcome.earlyReturn === undefined ? outcome.result : outcome.earlyReturn.value,
      error: outcome.error ?? null,
      outErrors: outcome.outErrors,
      stash: outcome.stash,
      earlyReturn: outcome.earlyReturn === undefined ? null : { skipTo: outcome.earlyReturn.skipTo },
      logs: outcome.logs,
    };
  };
}
