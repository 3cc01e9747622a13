/**
 * The console's HTTP routes, for the emulator to mount: `GET /` (the page), the bundle under
 * `/console/`, `GET /console/config.json` and `POST /console/decision`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { consoleConfig } from './console-config.ts';
import { createConsoleAssetStore, type ConsoleAssets } from './console-assets.ts';
import { DEFAULT_DIST_DIR, type ConsoleOptions } from './console-options.ts';
import { consolePage } from './console-page.ts';
import { handleDecision } from './decision.ts';
import { sendBody, sendJson } from './send.ts';

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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Creates the console's route handler. Mount it after the Cognito routes (which own `POST /`)
 * and before the emulator's 404.
 *
 * @example
 * const consoleRoutes = createConsoleRoutes({
 *   userPoolId: pool.userPoolId,
 *   clientId: pool.clientId,
 *   seedUsers: pool.users,
 *   authorize: (token) => authorizeRequest(authorization, { authorization: token, queryString: '', operationName: null, variables: {}, requestHeaders: {} }),
 * });
 * http.createServer(async (req, res) => {
 *   if (await cognito(req, res)) return;
 *   if (await consoleRoutes(req, res)) return;
 *   // ...
 * });
 */
export function createConsoleRoutes(options: ConsoleOptions): ConsoleRouteHandler {
  const assets = createConsoleAssetStore(options.distDir ?? DEFAULT_DIST_DIR);

  const loadAssets = async (res: ServerResponse): Promise<ConsoleAssets | null> => {
    try {
      return await assets.current();
    } catch (error) {
      sendBody(res, 500, 'text/plain; charset=utf-8', `The console bundle could not be built (${describe(error)}). Run \`npm run build\` and reload.\n`);
      return null;
    }
  };

  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const method = req.method ?? 'GET';
    const readOnly = method === 'GET' || method === 'HEAD';

    if (path === '/' || path === '/index.html') {
      // `POST /` and `OPTIONS /` belong to the Cognito-compatible endpoint.
      if (!readOnly) return false;
      const loaded = await loadAssets(res);
      if (loaded === null) return true;
      const html = consolePage(loaded.version);
      sendBody(res, 200, 'text/html; charset=utf-8', method === 'HEAD' ? '' : html, PAGE_HEADERS);
      return true;
    }
    if (!path.startsWith('/console/')) return false;

    if (path === '/console/decision') {
      await handleDecision(req, res, options.authorize);
      return true;
    }
    if (!readOnly) {
      req.resume();
      sendJson(res, 405, { message: `${method} is not allowed on ${path}.` }, { allow: 'GET, HEAD' });
      return true;
    }
    if (path === '/console/config.json') {
      try {
        sendJson(res, 200, consoleConfig(options));
      } catch (error) {
        sendJson(res, 500, { message: `The console configuration could not be built: ${describe(error)}` });
      }
      return true;
    }
    const name = path.slice('/console/'.length);
    const contentType = CONTENT_TYPES[name];
    if (contentType === undefined) {
      sendJson(res, 404, { message: `No console file ${path}.` });
      return true;
    }
    const loaded = await loadAssets(res);
    if (loaded === null) return true;
    const content = loaded.files.get(name) ?? Buffer.alloc(0);
    res.writeHead(200, { 'content-type': contentType, 'content-length': content.length, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    res.end(method === 'HEAD' ? undefined : content);
    return true;
  };
}
