/**
 * The emulator's HTTP server: routes requests, keeps count of the ones in flight, and closes
 * without dropping any: it stops accepting, lets every request it has read finish (so every
 * write it acknowledges is written), then ends the connections.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { corsHeaders } from './cors.ts';
import { requestErrorBody, sendJson } from './send-json.ts';

/** A route: answers and returns `true`, or returns `false` to let the next one try. */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean;

/** A listening server. */
export interface EmulatorServer {
  readonly port: number;
  readonly server: Server;
  /** Stops accepting, waits for requests in flight, then closes every connection. */
  close(): Promise<void>;
}

/**
 * Starts the server on `host:port` (port 0 picks a free one).
 *
 * @example
 * const server = await startServer([cognitoRoute, graphqlRoute, consoleRoute], { host: '127.0.0.1', port: 0 }, console.error);
 */
export async function startServer(
  routes: readonly Route[],
  address: { host: string; port: number },
  logError: (error: unknown) => void,
): Promise<EmulatorServer> {
  let inFlight = 0;
  let drained: (() => void) | null = null;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(corsHeaders(req.headers.origin))) res.setHeader(name, value);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      sendJson(res, 400, requestErrorBody('MalformedHttpRequestException', 'Invalid request URL.'));
      return;
    }
    for (const route of routes) {
      if (await route(req, res, url)) return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204);
      res.end();
      return;
    }
    req.resume();
    sendJson(res, 404, requestErrorBody('NotFoundException', `No route for ${req.method ?? 'GET'} ${url.pathname}.`));
  };

  let closingStarted = false;
  const server = createServer((req, res) => {
    inFlight += 1;
    // Once closing, keep-alive clients are answered and sent away: served on their open
    // connections, they would keep the in-flight count above zero and the drain waiting.
    if (closingStarted) res.setHeader('connection', 'close');
    res.on('close', () => {
      inFlight -= 1;
      if (inFlight === 0 && drained !== null) drained();
    });
    handle(req, res).catch((error: unknown) => {
      logError(error);
      if (!res.headersSent) sendJson(res, 500, requestErrorBody('InternalFailureException', 'An internal failure occurred.'));
      else res.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.listen(address.port, address.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    port,
    server,
    close() {
      closing ??= (async () => {
        closingStarted = true;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (inFlight > 0) await new Promise<void>((resolve) => { drained = resolve; });
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}
