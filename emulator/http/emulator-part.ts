/**
 * The contract between the emulator's composition root and its capabilities. Each capability
 * folder (`cognito/`, `console/`, the GraphQL endpoint, real-time, …) exports a function that
 * builds an {@link EmulatorPart}; `start-emulator.ts` lists the parts and hands their routes
 * and upgrades to the one router, which owns the HTTP plumbing (URL parsing, bodies, CORS,
 * JSON answers, 404/405/OPTIONS, the listener).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The HTTP methods a route may claim. `HEAD` and `OPTIONS` are the router's: `HEAD` runs the
 * `GET` route and sends no body, `OPTIONS` is answered with `Allow` and the CORS headers.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP route, claimed by method and path, never by mounting order: two parts claiming
 * the same method and path is a start-up error.
 */
export interface HttpRoute {
  readonly method: HttpMethod;
  /** An exact path (`/graphql`), or a prefix ending in `/*` (`/console/*`). */
  readonly path: string;
  /** Answers the request. The router has set CORS headers and parsed `url`. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> | void;
}

/** A WebSocket (or other) `upgrade` request, claimed by exact path. */
export interface UpgradeRoute {
  readonly path: string;
  /** Takes over the socket: completes the handshake or refuses it. */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void;
}

/** What a capability contributes to the running emulator. */
export interface EmulatorPart {
  /** For logs and start-up errors, e.g. `cognito`. */
  readonly name: string;
  readonly routes?: readonly HttpRoute[];
  readonly upgrades?: readonly UpgradeRoute[];
  /**
   * Called once when the emulator closes, after the listener stopped accepting and before
   * the data sources close: end long-lived connections (WebSockets) cleanly here.
   */
  close?(): Promise<void> | void;
}
