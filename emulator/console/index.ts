/**
 * The emulator's console page (`GET /`): GraphiQL plus a panel to sign in as a seeded user,
 * choose the ID or the access token, and see the authorizer's decision for it.
 * - `createConsoleRoutes(options)`: the HTTP routes, for the emulator to mount;
 * - `buildConsole(outDir?)`: the bundle (`dist/console/`), for `npm run build`.
 */
export { buildConsole, isConsoleBuilt } from './build-console.ts';
export type { ConsoleBuildResult } from './build-console.ts';
export { createConsoleRoutes } from './console-routes.ts';
export type { ConsoleRouteHandler } from './console-routes.ts';
export { DEFAULT_DIST_DIR, SEED_PASSWORD } from './console-options.ts';
export type { AuthorizerAnswerLike, ConsoleOptions, ConsoleSeedUser } from './console-options.ts';
export type { ConsoleConfig, ConsoleDecision, ConsoleUser } from './contract.ts';
