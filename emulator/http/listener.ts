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
 * every accepted socket, as `net.Server` does: closing ends them all.
 */
export type CreateListener = (handlers: ListenerHandlers) => Server;

/** A slow client may not hold a connection open forever. */
const HEADERS_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 60_000;

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
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  return server;
};
