/**
 * The text of a small APPSYNC_JS module, for tests that run resolvers of their own in the real
 * sandbox instead of the project's built bundles.
 */

/**
 * A module that imports `util`, `runtime` and `extensions` from `@aws-appsync/utils` and exports
 * `request` and `response` with the given bodies (each sees `ctx`).
 *
 * @example
 * appsyncJsModule('return { payload: ctx.args };', 'return ctx.result;');
 */
export function appsyncJsModule(request: string, response: string): string {
  return [
    "import { util, runtime, extensions } from '@aws-appsync/utils';",
    `export function request(ctx) { ${request} }`,
    `export function response(ctx) { ${response} }`,
  ].join('\n');
}
