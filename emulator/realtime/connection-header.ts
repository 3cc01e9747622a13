/**
 * The authorization header object of a real-time connection, `{ Authorization, host, … }`, as
 * AppSync accepts it on the handshake, in three ways (first found wins):
 *
 * 1. the query string `?header=<base64 JSON>&payload=e30=` (older clients);
 * 2. a second subprotocol `header-<base64url JSON, no padding>` next to `graphql-ws` (what
 *    Amplify ≥ 6.6 sends);
 * 3. plain HTTP headers on the upgrade request (`Authorization`, `Host`).
 *
 * Its `host` must be the API's host as the client configured it (`host[:port]`).
 */
import type { IncomingMessage } from 'node:http';

/** The header object, with string values only. */
export type ConnectionHeader = Readonly<Record<string, string>>;

/** The subprotocol AppSync speaks. */
export const GRAPHQL_WS_PROTOCOL = 'graphql-ws';

const HEADER_PROTOCOL_PREFIX = 'header-';
/** Bounds the decoding work for a hostile handshake; a real header object is a few KB. */
const MAX_ENCODED_HEADER_LENGTH = 64 * 1024;

function decodeHeaderObject(encoded: string, encoding: 'base64' | 'base64url'): ConnectionHeader | null {
  if (encoded.length === 0 || encoded.length > MAX_ENCODED_HEADER_LENGTH) return null;
  const pattern = encoding === 'base64' ? /^[A-Za-z0-9+/]+={0,2}$/ : /^[A-Za-z0-9_-]+$/;
  if (!pattern.test(encoded)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(encoded, encoding).toString('utf8'));
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const out: Record<string, string> = {};
  for (const [name, entry] of Object.entries(value)) {
    if (typeof entry === 'string') out[name] = entry;
  }
  return out;
}

/** The offered subprotocols of a handshake, in order. */
export function offeredProtocols(req: IncomingMessage): string[] {
  const raw = req.headers['sec-websocket-protocol'];
  if (raw === undefined) return [];
  return raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/**
 * Reads the header object of a handshake, or `null` when none is given or it is unreadable.
 *
 * @example
 * const header = readConnectionHeader(req, new URL(req.url ?? '/', 'http://localhost'));
 * header?.Authorization; // the token
 */
export function readConnectionHeader(req: IncomingMessage, url: URL): ConnectionHeader | null {
  const fromQuery = url.searchParams.get('header');
  if (fromQuery !== null) return decodeHeaderObject(fromQuery, 'base64');
  const fromProtocol = offeredProtocols(req).find((protocol) => protocol.startsWith(HEADER_PROTOCOL_PREFIX));
  if (fromProtocol !== undefined) return decodeHeaderObject(fromProtocol.slice(HEADER_PROTOCOL_PREFIX.length), 'base64url');
  const authorization = req.headers.authorization;
  const host = req.headers.host;
  if (authorization === undefined || host === undefined) return null;
  return { Authorization: authorization, host };
}

/** The `Authorization` value of a header object, whatever its casing. */
export function authorizationOf(header: ConnectionHeader): string | undefined {
  for (const [name, value] of Object.entries(header)) {
    if (name.toLowerCase() === 'authorization') return value;
  }
  return undefined;
}

/** The `host` value of a header object, whatever its casing. */
export function hostOf(header: ConnectionHeader): string | undefined {
  for (const [name, value] of Object.entries(header)) {
    if (name.toLowerCase() === 'host') return value;
  }
  return undefined;
}

/** The header object as `ctx.request.headers` and the authorizer's `requestHeaders` see it: lower-case names. */
export function lowerCaseHeaders(header: ConnectionHeader): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(header)) out[name.toLowerCase()] = value;
  return out;
}

/**
 * The hosts a header object may name for an emulator listening on `port`: its own
 * `localhost`, `127.0.0.1` and `[::1]` forms, plus `configuredHost` (the GraphQL endpoint's
 * `host[:port]` as clients are told it), when given.
 *
 * @example
 * acceptedHosts(4000, null).has('localhost:4000'); // true
 */
export function acceptedHosts(port: number, configuredHost: string | null): ReadonlySet<string> {
  const hosts = new Set([`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]);
  if (configuredHost !== null) hosts.add(configuredHost.toLowerCase());
  return hosts;
}
