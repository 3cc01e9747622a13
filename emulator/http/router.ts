/**
 * The emulator's one router. Parts claim routes by method and path (see `emulator-part.ts`);
 * the router owns everything around them: the URL, CORS headers (once, on every answer), the
 * 404 of an unknown path, the 405 (with `Allow`) of a known path asked with another method,
 * `OPTIONS` preflights, `HEAD` as `GET` without a body, a 500 without internals when a route
 * throws, and the dispatch of `upgrade` requests by path.
 *
 * Which route answers never depends on the order of the parts: an exact path beats a prefix,
 * a longer prefix beats a shorter one, and two claims of the same method and path refuse to
 * start.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { corsHeaders } from './cors.ts';
import type { EmulatorPart, HttpMethod, HttpRoute, UpgradeRoute } from './emulator-part.ts';
import { refuseUpgrade } from './refuse-upgrade.ts';
import { requestErrorBody, sendBody, sendJson } from './send-json.ts';

/**
 * Two claims of one method and path (or of one upgrade path), or a path the router cannot
 * match: the emulator refuses to start.
 *
 * @example
 * throw new RouteClaimError('cognito and console both claim POST /.');
 */
export class RouteClaimError extends Error {
  override readonly name = 'RouteClaimError';
}

/** What the listener calls. */
export interface Router {
  /** Answers one request; never rejects (a failing route is logged and answered 500). */
  handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Hands an `upgrade` request to the part that claimed its path, or refuses it with a 404. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Runs every part's `close()`, the last part first; a failing one is logged, the others still run. */
  close(): Promise<void>;
}

/** What the router is given besides the parts. */
export interface RouterOptions {
  /** Where a route's failure goes (the client only hears `InternalFailureException`). */
  readonly logError: (error: unknown) => void;
}

/** The routes claiming one path (exact or prefix), by method. */
type MethodTable = Map<HttpMethod, { route: HttpRoute; part: string }>;

const PREFIX_SUFFIX = '/*';

function parseUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

function checkPath(path: string, part: string): void {
  const body = path.endsWith(PREFIX_SUFFIX) ? path.slice(0, -1) : path;
  if (!path.startsWith('/') || body.includes('*')) {
    throw new RouteClaimError(`${part} claims "${path}": a path starts with "/" and may only end in "/*".`);
  }
}

/** `GET, HEAD, OPTIONS` and the like, for `Allow`. */
function allowed(table: MethodTable): string {
  const methods = new Set<string>(table.keys());
  if (methods.has('GET')) methods.add('HEAD');
  methods.add('OPTIONS');
  return [...methods].sort().join(', ');
}

/**
 * Builds the router of `parts`.
 *
 * @throws {RouteClaimError} when two parts claim the same method and path, or the same upgrade path.
 * @example
 * const router = createRouter([graphqlPart, cognitoPart, consolePart], { logError: (error) => log(String(error)) });
 * const server = await startServer(router, { host: '127.0.0.1', port: 0 }, { logError });
 */
export function createRouter(parts: readonly EmulatorPart[], options: RouterOptions): Router {
  const exact = new Map<string, MethodTable>();
  const prefixes = new Map<string, MethodTable>();
  const upgrades = new Map<string, { route: UpgradeRoute; part: string }>();

  for (const part of parts) {
    for (const route of part.routes ?? []) {
      checkPath(route.path, part.name);
      const isPrefix = route.path.endsWith(PREFIX_SUFFIX);
      const tables = isPrefix ? prefixes : exact;
      const key = isPrefix ? route.path.slice(0, -1) : route.path;
      const table: MethodTable = tables.get(key) ?? new Map();
      const taken = table.get(route.method);
      if (taken !== undefined) throw new RouteClaimError(`${taken.part} and ${part.name} both claim ${route.method} ${route.path}.`);
      table.set(route.method, { route, part: part.name });
      tables.set(key, table);
    }
    for (const route of part.upgrades ?? []) {
      checkPath(route.path, part.name);
      if (route.path.endsWith(PREFIX_SUFFIX)) throw new RouteClaimError(`${part.name} claims the upgrade path "${route.path}": upgrades are claimed by exact path.`);
      const taken = upgrades.get(route.path);
      if (taken !== undefined) throw new RouteClaimError(`${taken.part} and ${part.name} both claim the upgrade path ${route.path}.`);
      upgrades.set(route.path, { route, part: part.name });
    }
  }
  // Longest first, so /console/assets/* would win over /console/*.
  const prefixOrder = [...prefixes.keys()].sort((a, b) => b.length - a.length);

  const tableFor = (pathname: string): MethodTable | undefined => {
    const table = exact.get(pathname);
    if (table !== undefined) return table;
    const prefix = prefixOrder.find((candidate) => pathname.startsWith(candidate));
    return prefix === undefined ? undefined : prefixes.get(prefix);
  };

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(corsHeaders(req.headers.origin))) res.setHeader(name, value);
    const url = parseUrl(req);
    if (url === null) {
      req.resume();
      sendJson(res, 400, requestErrorBody('MalformedHttpRequestException', 'Invalid request URL.'));
      return;
    }
    const method = req.method ?? 'GET';
    const table = tableFor(url.pathname);
    if (table === undefined) {
      req.resume();
      sendJson(res, 404, requestErrorBody('NotFoundException', `No route for ${method} ${url.pathname}.`));
      return;
    }
    if (method === 'OPTIONS') {
      // The preflight of a known path: the CORS headers above say who may call it.
      req.resume();
      sendBody(res, 204, '', { allow: allowed(table) });
      return;
    }
    // Node writes no body for HEAD, so the GET route answers it with the right headers.
    const claim = table.get((method === 'HEAD' ? 'GET' : method) as HttpMethod);
    if (claim === undefined) {
      req.resume();
      sendJson(res, 405, requestErrorBody('MethodNotAllowedException', `${method} is not allowed on ${url.pathname}.`), { allow: allowed(table) });
      return;
    }
    await claim.route.handle(req, res, url);
  };

  return {
    async handleRequest(req, res) {
      try {
        await answer(req, res);
      } catch (error) {
        options.logError(error);
        if (!res.headersSent) sendJson(res, 500, requestErrorBody('InternalFailureException', 'An internal failure occurred.'));
        else res.destroy();
      }
    },

    handleUpgrade(req, socket, head) {
      const url = parseUrl(req);
      if (url === null) {
        refuseUpgrade(socket, 400, 'MalformedHttpRequestException', 'Invalid request URL.');
        return;
      }
      const claim = upgrades.get(url.pathname);
      if (claim === undefined) {
        refuseUpgrade(socket, 404, 'NotFoundException', `No upgrade endpoint at ${url.pathname}.`);
        return;
      }
      try {
        claim.route.handle(req, socket, head, url);
      } catch (error) {
        options.logError(error);
        refuseUpgrade(socket, 500, 'InternalFailureException', 'An internal failure occurred.');
      }
    },

    async close() {
      for (const part of [...parts].reverse()) {
        try {
          await part.close?.();
        } catch (error) {
          options.logError(error);
        }
      }
    },
  };
}
