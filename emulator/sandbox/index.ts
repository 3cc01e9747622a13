/**
 * The APPSYNC_JS sandbox: the static check AppSync applies to resolver code, and a runner
 * that executes one handler in a locked-down realm with the project's runtime modules.
 */
export { checkCode, MAX_CODE_LENGTH, ALLOWED_MODULES } from './check-code.ts';
export type { CodeError, CodeErrorLocation, CodeErrorType } from './code-error.ts';
export { runHandler, CODE_ERRORS_MESSAGE } from './handler-runner.ts';
export type { HandlerError, HandlerName, HandlerOutcome, RunHandlerOptions } from './handler-runner.ts';
