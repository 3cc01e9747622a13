/**
 * The messages of AppSync's real-time protocol (the `graphql-ws` subprotocol, not the
 * `graphql-transport-ws` of the graphql-ws package): reading what a client sends, writing what
 * the server answers. Every message is a JSON text frame `{ type, id?, payload? }`.
 */
import { CONNECTION_TIMEOUT_MS, MAX_PAYLOAD_BYTES } from './realtime-limits.ts';

/** What a client may send, once read. */
export type ClientMessage =
  | { readonly type: 'connection_init' }
  | { readonly type: 'start'; readonly id: string; readonly payload: StartPayload }
  | { readonly type: 'stop'; readonly id: string };

/** A `start` message's payload: `data` is the JSON text of `{ query, variables }`. */
export interface StartPayload {
  readonly query: string;
  readonly operationName: string | null;
  readonly variables: Readonly<Record<string, unknown>>;
  /** `extensions.authorization`: the same header object as on the handshake. */
  readonly authorization: unknown;
}

/** One entry of an `error` message's `payload.errors`. */
export interface ProtocolErrorEntry {
  readonly errorType: string;
  readonly message: string;
}

/** A frame that cannot be read; `id` when the frame named one, so the client can match it. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
  readonly id: string | null;
  readonly errorType: string;

  constructor(message: string, errorType: string, id: string | null = null) {
    super(message);
    this.errorType = errorType;
    this.id = id;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function readStartPayload(id: string, payload: unknown): StartPayload {
  if (!isRecord(payload) || typeof payload.data !== 'string') {
    throw new MalformedMessageError('A start message needs payload.data, the JSON text of { query, variables }.', 'BadRequestException', id);
  }
  let data: unknown;
  try {
    data = JSON.parse(payload.data);
  } catch {
    throw new MalformedMessageError('payload.data is not JSON.', 'BadRequestException', id);
  }
  if (!isRecord(data) || typeof data.query !== 'string') {
    throw new MalformedMessageError('payload.data needs a query string.', 'BadRequestException', id);
  }
  const variables = data.variables ?? {};
  if (!isRecord(variables)) throw new MalformedMessageError('variables must be an object.', 'BadRequestException', id);
  const operationName = typeof data.operationName === 'string' ? data.operationName : null;
  const extensions = isRecord(payload.extensions) ? payload.extensions : {};
  return { query: data.query, operationName, variables, authorization: extensions.authorization };
}

/**
 * Reads one client frame; throws {@link MalformedMessageError} for anything else (binary,
 * oversized, not JSON, unknown type, missing id).
 *
 * @example
 * readClientMessage('{"type":"connection_init"}'); // { type: 'connection_init' }
 */
export function readClientMessage(frame: string): ClientMessage {
  if (Buffer.byteLength(frame) > MAX_PAYLOAD_BYTES) {
    throw new MalformedMessageError(`Messages are limited to ${MAX_PAYLOAD_BYTES} bytes.`, 'LimitExceededException');
  }
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch {
    throw new MalformedMessageError('The message is not JSON.', 'BadRequestException');
  }
  if (!isRecord(message)) throw new MalformedMessageError('The message is not a JSON object.', 'BadRequestException');
  const id = typeof message.id === 'string' && message.id !== '' ? message.id : null;
  switch (message.type) {
    case 'connection_init':
      return { type: 'connection_init' };
    case 'start':
      if (id === null) throw new MalformedMessageError('A start message needs an id.', 'BadRequestException');
      return { type: 'start', id, payload: readStartPayload(id, message.payload) };
    case 'stop':
      if (id === null) throw new MalformedMessageError('A stop message needs an id.', 'BadRequestException');
      return { type: 'stop', id };
    default:
      throw new MalformedMessageError('Unknown message type.', 'UnsupportedOperation', id);
  }
}

/** The server's messages, as JSON text. */
export const serverMessage = {
  /** The answer to `connection_init`. */
  connectionAck: (): string => JSON.stringify({ type: 'connection_ack', payload: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS } }),
  keepAlive: (): string => '{"type":"ka"}',
  startAck: (id: string): string => JSON.stringify({ type: 'start_ack', id }),
  /** One event for subscription `id`; `payload` is `{ data, errors? }`. */
  data: (id: string, payload: unknown): string => JSON.stringify({ type: 'data', id, payload }),
  complete: (id: string): string => JSON.stringify({ type: 'complete', id }),
  /** A failed registration (with its `id`) or an unreadable frame (without one, if it had none). */
  error: (id: string | null, errors: readonly ProtocolErrorEntry[]): string =>
    JSON.stringify(id === null ? { type: 'error', payload: { errors } } : { type: 'error', id, payload: { errors } }),
  /** A refused connection; Amplify treats `UnauthorizedException` and 400/401/403 as final. */
  connectionError: (errorType: string, errorCode: number, message: string): string =>
    JSON.stringify({ type: 'connection_error', payload: { errors: [{ errorType, message, errorCode }] } }),
  /**
   * What an invalidated subscription's client gets before its socket closes: AppSync's
   * documented `{"message":"Subscription complete."}`, carried by a `complete` for that id so
   * that clients also know which subscription ended.
   */
  invalidated: (id: string): string => JSON.stringify({ type: 'complete', id, payload: { message: 'Subscription complete.' } }),
};
