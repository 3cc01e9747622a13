/**
 * The console as a part of the emulator: `GET /` (the page), `GET /console/config.json`,
 * `POST /console/decision` and the bundle under `GET /console/*`. `POST /` is not the
 * console's: the router gives it to the Cognito-compatible endpoint.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorPart, HttpRoute } from '../http/emulator-part.ts';
import { createRouter } from '../http/router.ts';
import { sendBody, sendJson } from '../http/send-json.ts';
import { consoleConfig } from './console-config.ts';
import { createConsoleAssetStore, type ConsoleAssets } from './console-assets.ts';
import { DEFAULT_DIST_DIR, type ConsoleOptions } from './console-options.ts';
import { consolePage } from './console-page.ts';
import { handleDecision } from './decision.ts';

/** Answers and resolves `true` when the request is the console's; else `false`, untouched. */
export type ConsoleRouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

/** The page may only load its own bundle and talk to this server. */
const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Answers that depend on tokens or on the schema are never cached. */
const NO_STORE = { 'cache-control': 'no-store' } as const;

const BUNDLE_PREFIX = '/console/';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Creates the console part.
 *
 * @example
 * const consolePart = createConsolePart({
 *   userPoolId: pool.userPoolId,
 *   clientId: pool.clientId,
 *   seedUsers: pool.users,
 *   authorize: (token) => authorizeRequest(authorization, { authorization: token, queryString: '', operationName: null, variables: {}, requestHeaders: {} }),
 * });
 * const router = createRouter([graphqlPart, cognitoPart, consolePart], { logError });
 */
export function createConsolePart(options: ConsoleOptions): EmulatorPart {
  const assets = createConsoleAssetStore(options.distDir ?? DEFAULT_DIST_DIR);

  const loadAssets = async (res: ServerResponse): Promise<ConsoleAssets | null> => {
    try {
      return await assets.current();
    } catch (error) {
      sendBody(res, 500, `The console bundle could not be built (${describe(error)}). Run \`npm run build\` and reload.\n`, { 'content-type': 'text/plain; charset=utf-8' });
      return null;
    }
  };

  const page: HttpRoute['handle'] = async (_req, res) => {
    const loaded = await loadAssets(res);
    if (loaded === null) return;
    sendBody(res, 200, consolePage(loaded.version), { 'content-type': 'text/html; charset=utf-8', ...PAGE_HEADERS });
  };

  return {
    name: 'console',
    routes: [
      { method: 'GET', path: '/', handle: page },
      { method: 'GET', path: '/index.html', handle: page },
      {
        method: 'GET',
        path: '/console/config.json',
        handle: (_req, res) => {
          try {
            sendJson(res, 200, consoleConfig(options), NO_STORE);
          } catch (error) {
            sendJson(res, 500, { message: `The console configuration could not be built: ${describe(error)}` }, NO_STORE);
          }
        },
      },
      {
        method: 'POST',
        path: '/console/decision',
        handle: (req, res) => {
          res.setHeader('cache-control', 'no-store');
          return handleDecision(req, res, options.authorize);
        },
      },
      {
        method: 'GET',
        path: `${BUNDLE_PREFIX}*`,
        handle: async (_req, res, url) => {
          const name = url.pathname.slice(BUNDLE_PREFIX.length);
          const contentType = CONTENT_TYPES[name];
          if (contentType === undefined) {
            sendJson(res, 404, { message: `No console file ${url.pathname}.` }, NO_STORE);
            return;
          }
          const loaded = await loadAssets(res);
          if (loaded === null) return;
          sendBody(res, 200, loaded.files.get(name) ?? Buffer.alloc(0), { 'content-type': contentType, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
        },
      },
    ],
  };
}

/**
 * The console on a Node server of one's own: answers the console's requests (through the
 * emulator's router, so with the same 404/405/CORS answers) and leaves every other request,
 * `POST /` included, untouched.
 *
 * @example
 * const consoleRoutes = createConsoleRoutes(options);
 * http.createServer(async (req, res) => {
 *   if (await consoleRoutes(req, res)) return;
 *   // ...the server's other routes
 * });
 */
export function createConsoleRoutes(options: ConsoleOptions): ConsoleRouteHandler {
  const router = createRouter([createConsolePart(options)], {
    logError: (error) => console.error(`console route failed: ${describe(error)}`),
  });
  return async (req, res) => {
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return false;
    }
    const readOnly = req.method === 'GET' || req.method === 'HEAD';
    if (!path.startsWith(BUNDLE_PREFIX) && !(readOnly && (path === '/' || path === '/index.html'))) return false;
    await router.handleRequest(req, res);
    return true;
  };
}
