/**
 * The emulator's AppSync real-time endpoint as an {@link EmulatorPart}: `GET /graphql/realtime`
 * upgraded to a WebSocket speaking `graphql-ws`, with `publish` for the GraphQL endpoint to
 * call after each root mutation field. Amplify v6 turns `http://localhost:4000/graphql` into
 * `wss://localhost:4000/graphql/realtime`, so this path is what it connects to.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EmulatorPart } from '../http/emulator-part.ts';
import { GRAPHQL_WS_PROTOCOL, offeredProtocols, readConnectionHeader } from './connection-header.ts';
import { createPublisher } from './deliver-event.ts';
import { mutationEvent, type ResolvedMutationField } from './mutation-event.ts';
import { openConnection, type Authorize, type RealtimeConnection } from './realtime-connection.ts';
import type { PublishEvent, Subscribe } from './registration.ts';
import { KEEP_ALIVE_INTERVAL_MS, MAX_CONNECTION_LIFETIME_MS, MAX_FRAME_BYTES } from './realtime-limits.ts';
import { createSubscriptionRegistry } from './subscription-registry.ts';

/** The path AppSync's clients derive from a custom-domain GraphQL endpoint. */
export const REALTIME_PATH = '/graphql/realtime';

/** Options of {@link createRealtimePart}; every dependency is explicit. */
export interface RealtimePartOptions {
  /** The HTTP endpoint's authorization step (same authorizer, same per-token cache). */
  readonly authorize: Authorize;
  /** Registers one subscription (`createSubscribe(execution)`). */
  readonly subscribe: Subscribe;
  /** The hosts a header object's `host` may name (`acceptedHosts(port, configuredHost)`). */
  readonly acceptedHosts: () => ReadonlySet<string>;
  /** Default 60 s. */
  readonly keepAliveIntervalMs?: number;
  /** Default 24 h. */
  readonly connectionLifetimeMs?: number;
  /** Server-side diagnostics; never tokens or payloads. */
  readonly log: (line: string) => void;
}

/** The part, with the publishing entry points. */
export interface RealtimePart extends EmulatorPart {
  /** Delivers one event (and its invalidations) to the live subscriptions. */
  publish(event: PublishEvent): void;
  /** `ExecutionServices.onMutationField`: publishes a resolved root mutation field. */
  onMutationField(resolved: ResolvedMutationField): void;
  /** Open connections, for tests and logs. */
  connectionCount(): number;
}

/** Close code for a server going away. */
const CLOSE_GOING_AWAY = 1001;

function positiveDuration(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  // setTimeout cannot wait longer than 2^31 - 1 ms; 0 would make the keep-alive a busy loop.
  if (!Number.isInteger(value) || value <= 0 || value > 2 ** 31 - 1) throw new RangeError(`${name} must be a whole number of milliseconds between 1 and ${2 ** 31 - 1}; got ${String(value)}.`);
  return value;
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * @example
 * const realtime = createRealtimePart({
 *   authorize: (request) => authorizeRequest(authorization, request),
 *   subscribe: createSubscribe(execution),
 *   acceptedHosts: () => acceptedHosts(server.port, null),
 *   log,
 * });
 */
export function createRealtimePart(options: RealtimePartOptions): RealtimePart {
  const registry = createSubscriptionRegistry();
  const publish = createPublisher({ registry, log: options.log });
  const connections = new Set<RealtimeConnection>();
  const sockets = new Set<WebSocket>();
  let closing = false;
  let shutdown: Promise<void> | undefined;
  const services = {
    authorize: options.authorize,
    subscribe: options.subscribe,
    registry,
    acceptedHosts: options.acceptedHosts,
    keepAliveIntervalMs: positiveDuration('keepAliveIntervalMs', options.keepAliveIntervalMs, KEEP_ALIVE_INTERVAL_MS),
    connectionLifetimeMs: positiveDuration('connectionLifetimeMs', options.connectionLifetimeMs, MAX_CONNECTION_LIFETIME_MS),
    log: options.log,
  };

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    // Browsers fail the handshake unless the server selects one of the offered protocols.
    handleProtocols: (protocols) => (protocols.has(GRAPHQL_WS_PROTOCOL) ? GRAPHQL_WS_PROTOCOL : false),
  });

  function handle(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    if (closing) return refuseUpgrade(socket, '503 Service Unavailable');
    if (req.method !== 'GET') return refuseUpgrade(socket, '405 Method Not Allowed');
    if (!offeredProtocols(req).includes(GRAPHQL_WS_PROTOCOL)) return refuseUpgrade(socket, '400 Bad Request');
    const header = readConnectionHeader(req, url);
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      const connection = openConnection(ws, header, services);
      connections.add(connection);
      ws.on('close', () => {
        sockets.delete(ws);
        connections.delete(connection);
      });
    });
  }

  return {
    name: 'realtime',
    upgrades: [{ path: REALTIME_PATH, handle }],
    publish,
    onMutationField(resolved) {
      // AppSync answers a mutation without waiting for its subscribers: the event is shaped
      // now, from this field's result, and delivered once the answer is on its way, so the
      // mutating client does not pay for the fan-out. Immediates run in the order they were
      // queued: events still reach each subscription in mutation order.
      const event = mutationEvent(resolved);
      setImmediate(() => {
        try {
          publish(event);
        } catch (error) {
          options.log(`realtime: delivery of ${event.mutationField} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    },
    connectionCount: () => connections.size,
    close() {
      closing = true;
      shutdown ??= shutDown();
      return shutdown;
    },
  };

  async function shutDown(): Promise<void> {
    const closed = [...sockets].map((ws) => new Promise<void>((resolve) => {
      if (ws.readyState === ws.CLOSED) return resolve();
      ws.once('close', () => resolve());
      // A client that never answers the close frame is cut off.
      setTimeout(() => {
        ws.terminate();
        resolve();
      }, 2000).unref();
    }));
    for (const connection of connections) connection.close(CLOSE_GOING_AWAY, 'Server shutting down.');
    await Promise.all(closed);
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }
}
