/**
 * The emulator's listening server: feeds the router, keeps count of the requests in flight,
 * and closes without dropping any. Closing stops accepting, lets every request it has read
 * finish (so every write it acknowledged is written), tells keep-alive clients
 * `Connection: close`, runs the parts' `close()` (WebSockets end cleanly there), then ends
 * whatever connection is left.
 */
import { once } from 'node:events';
import type { AddressInfo, Server, Socket } from 'node:net';
import { createPlainListener, type CreateListener } from './listener.ts';
import { refuseUpgrade } from './refuse-upgrade.ts';
import type { Router } from './router.ts';

/** A listening server. */
export interface EmulatorServer {
  readonly port: number;
  readonly server: Server;
  /** Stops accepting, waits for requests in flight, closes the parts, then every connection. */
  close(): Promise<void>;
}

/** Where to listen; port 0 picks a free one. */
export interface ServerAddress {
  readonly host: string;
  readonly port: number;
}

/** How to listen. */
export interface ServerOptions {
  /** Default {@link createPlainListener} (plain HTTP). */
  readonly createListener?: CreateListener;
}

/** What `http.Server` adds to `net.Server` (a listener for TLS and HTTP on one port has it too). */
interface HttpServerExtras {
  headersTimeout?: number;
  requestTimeout?: number;
  closeIdleConnections?: () => void;
}

/** A slow client may not hold a connection open forever. */
const HEADERS_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Starts listening on `address` and hands every request and upgrade to `router`.
 *
 * @example
 * const server = await startServer(createRouter(parts, { logError }), { host: '127.0.0.1', port: 0 });
 * await server.close();
 */
export async function startServer(router: Router, address: ServerAddress, options: ServerOptions = {}): Promise<EmulatorServer> {
  let inFlight = 0;
  let drained: (() => void) | null = null;
  let closingStarted = false;
  const sockets = new Set<Socket>();

  const server = (options.createListener ?? createPlainListener)({
    onRequest(req, res) {
      inFlight += 1;
      // Once closing, keep-alive clients are answered and sent away: served on their open
      // connections, they would keep the in-flight count above zero and the drain waiting.
      if (closingStarted) res.setHeader('connection', 'close');
      res.on('close', () => {
        inFlight -= 1;
        if (inFlight === 0 && drained !== null) drained();
      });
      void router.handleRequest(req, res);
    },
    onUpgrade(req, socket, head) {
      if (closingStarted) {
        refuseUpgrade(socket, 503, 'ServiceUnavailableException', 'The emulator is shutting down.');
        return;
      }
      router.handleUpgrade(req, socket, head);
    },
  });
  const extras = server as Server & HttpServerExtras;
  if ('headersTimeout' in extras) extras.headersTimeout = HEADERS_TIMEOUT_MS;
  if ('requestTimeout' in extras) extras.requestTimeout = REQUEST_TIMEOUT_MS;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
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
        extras.closeIdleConnections?.();
        if (inFlight > 0) await new Promise<void>((resolve) => { drained = resolve; });
        await router.close();
        for (const socket of sockets) socket.destroy();
        await closed;
      })();
      return closing;
    },
  };
}
