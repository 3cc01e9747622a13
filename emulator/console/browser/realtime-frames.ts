/**
 * AppSync's real-time protocol (subprotocol `graphql-ws`) as the console speaks it: the
 * handshake's subprotocols carrying the authorization header object, the frames it sends, and
 * the frames it reads back. Pure functions, so they are tested without a socket.
 */

/** The subprotocol AppSync speaks (not `graphql-transport-ws`). */
export const GRAPHQL_WS_PROTOCOL = 'graphql-ws';

/** The header object AppSync's `AWS_LAMBDA` mode expects, in the handshake and in every `start`. */
export interface RealtimeAuthorization {
  /** The token, exactly as the `Authorization` header of `POST /graphql` would carry it. */
  readonly Authorization: string;
  /** The GraphQL endpoint's `host[:port]`. */
  readonly host: string;
}

/** One subscription operation. */
export interface SubscriptionRequest {
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
}

/** One entry of an `error` or `connection_error` frame. */
export interface ProtocolError {
  readonly errorType: string;
  readonly message: string;
  /** `connection_error` only: 400, 401, 403, … */
  readonly errorCode?: number;
}

/** A frame the server sent, read. */
export type ServerFrame =
  | { readonly type: 'connection_ack'; readonly connectionTimeoutMs: number | null }
  | { readonly type: 'ka' }
  | { readonly type: 'start_ack'; readonly id: string }
  | { readonly type: 'data'; readonly id: string; readonly payload: unknown }
  | { readonly type: 'error'; readonly id: string | null; readonly errors: readonly ProtocolError[] }
  | { readonly type: 'connection_error'; readonly errors: readonly ProtocolError[] }
  /** `complete` after a `stop`, or with `payload.message` when the server ended it (invalidation). */
  | { readonly type: 'complete'; readonly id: string | null; readonly message: string | null }
  /** The bare `{"message":"Subscription complete."}` an invalidated subscriber is sent. */
  | { readonly type: 'subscription_complete'; readonly message: string }
  | { readonly type: 'unknown'; readonly text: string };

function base64UrlOfJson(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The subprotocols of the handshake: `graphql-ws` and the header object as
 * `header-<base64url JSON, no padding>`, as Amplify ≥ 6.6 sends it (browsers cannot set
 * headers on a WebSocket).
 *
 * @example
 * new WebSocket(url, connectionProtocols({ Authorization: token, host: 'localhost:4000' }));
 */
export function connectionProtocols(authorization: RealtimeAuthorization): [string, string] {
  return [GRAPHQL_WS_PROTOCOL, `header-${base64UrlOfJson({ Authorization: authorization.Authorization, host: authorization.host })}`];
}

/**
 * The first frame; nothing else is answered before its `connection_ack`.
 *
 * @example
 * socket.addEventListener('open', () => socket.send(connectionInitFrame()));
 */
export function connectionInitFrame(): string {
  return JSON.stringify({ type: 'connection_init' });
}

/**
 * Registers subscription `id`: `payload.data` is the JSON text of `{ query, variables }`, and the
 * header object goes again in `payload.extensions.authorization`.
 *
 * @example
 * socket.send(startFrame('1', { query: 'subscription { onTicketActivity { id } }', variables: {} }, authorization));
 */
export function startFrame(id: string, request: SubscriptionRequest, authorization: RealtimeAuthorization): string {
  return JSON.stringify({
    id,
    type: 'start',
    payload: {
      data: JSON.stringify({ query: request.query, variables: request.variables }),
      extensions: { authorization: { Authorization: authorization.Authorization, host: authorization.host } },
    },
  });
}

/**
 * Ends subscription `id`; the server answers `complete`.
 *
 * @example
 * socket.send(stopFrame('1'));
 */
export function stopFrame(id: string): string {
  return JSON.stringify({ type: 'stop', id });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function errorsOf(payload: unknown): ProtocolError[] {
  const errors = isRecord(payload) && Array.isArray(payload.errors) ? payload.errors : [];
  return errors.filter(isRecord).map((entry) => ({
    errorType: typeof entry.errorType === 'string' ? entry.errorType : 'UnknownError',
    message: typeof entry.message === 'string' ? entry.message : '',
    ...(typeof entry.errorCode === 'number' ? { errorCode: entry.errorCode } : {}),
  }));
}

/**
 * Reads one text frame from the server; anything unexpected is `unknown`, never a throw.
 *
 * @example
 * readServerFrame('{"type":"start_ack","id":"1"}'); // { type: 'start_ack', id: '1' }
 */
export function readServerFrame(text: string): ServerFrame {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { type: 'unknown', text };
  }
  if (!isRecord(message)) return { type: 'unknown', text };
  const id = typeof message.id === 'string' ? message.id : null;
  switch (message.type) {
    case 'connection_ack': {
      const timeout = isRecord(message.payload) ? message.payload.connectionTimeoutMs : undefined;
      return { type: 'connection_ack', connectionTimeoutMs: typeof timeout === 'number' ? timeout : null };
    }
    case 'ka':
      return { type: 'ka' };
    case 'start_ack':
      return id === null ? { type: 'unknown', text } : { type: 'start_ack', id };
    case 'data':
      return id === null ? { type: 'unknown', text } : { type: 'data', id, payload: message.payload ?? null };
    case 'error':
      return { type: 'error', id, errors: errorsOf(message.payload) };
    case 'connection_error':
      return { type: 'connection_error', errors: errorsOf(message.payload) };
    case 'complete': {
      const note = isRecord(message.payload) && typeof message.payload.message === 'string' ? message.payload.message : null;
      return { type: 'complete', id, message: note };
    }
    case undefined:
      return typeof message.message === 'string' ? { type: 'subscription_complete', message: message.message } : { type: 'unknown', text };
    default:
      return { type: 'unknown', text };
  }
}
