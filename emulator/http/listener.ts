/**
 * The one place that creates the emulator's listening server. Everything else sees a
 * `net.Server` fed through two callbacks, so a listener speaking TLS and plain HTTP on the
 * same port can take the place of this one by passing another {@link CreateListener}.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Server } from 'node:net';
import type { Duplex } from 'node:stream';

/** What the listener calls for each request and each `upgrade`. */
export interface ListenerHandlers {
  onRequest(req: IncomingMessage, res: ServerResponse): void;
  onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/**
 * Creates a server (not yet listening) that feeds `handlers`. It must emit `connection` for
 * every accepted socket, as `net.Server` does: closing ends them all. When it has
 * `http.Server`'s `headersTimeout`, `requestTimeout` and `closeIdleConnections`, the emulator
 * uses them (see `emulator-server.ts`), so every listener gets the same slow-client limits.
 */
export type CreateListener = (handlers: ListenerHandlers) => Server;

/**
 * Plain HTTP, as the emulator listens by default.
 *
 * @example
 * const server = createPlainListener({ onRequest: router.handleRequest, onUpgrade: router.handleUpgrade });
 * server.listen(4000, '127.0.0.1');
 */
export const createPlainListener: CreateListener = ({ onRequest, onUpgrade }) => {
  const server = createServer(onRequest);
  server.on('upgrade', onUpgrade);
  return server;
};
