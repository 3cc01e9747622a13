/**
 * The emulator's console page (`GET /`): GraphiQL plus a panel to sign in as a seeded user,
 * choose the ID or the access token, and see the authorizer's decision for it.
 * - `createConsolePart(options)`: the console as a part of the emulator's router;
 * - `createConsoleRoutes(options)`: the same routes, for a Node server of one's own;
 * - `buildConsole(outDir?)`: the bundle (`dist/console/`), for `npm run build`.
 */
export { buildConsole, isConsoleBuilt } from './build-console.ts';
export type { ConsoleBuildResult } from './build-console.ts';
export { createConsolePart, createConsoleRoutes } from './console-routes.ts';
export type { ConsoleRouteHandler } from './console-routes.ts';
export { DEFAULT_DIST_DIR, SEED_PASSWORD } from './console-options.ts';
export type { AuthorizerAnswerLike, ConsoleOptions, ConsoleSeedUser } from './console-options.ts';
export type { ConsoleConfig, ConsoleDecision, ConsoleUser } from './contract.ts';
