/**
 * One real-time connection, from the completed handshake to the close: the `connection_init`
 * → `connection_ack` exchange (the connect-time authorization decides it), keep-alives, the
 * lifetime cut-off, and each subscription's `start` (authorized again, then registered) and
 * `stop`. Nothing a client sends can throw out of here: unreadable frames get an `error`.
 */
import type { WebSocket } from 'ws';
import type { AuthorizationInput } from '../auth/authorize-request.ts';
import type { AuthorizedAnswer } from '../auth/authorizer-answer.ts';
import { deniedFieldSet } from '../graphql/denied-fields.ts';
import { authorizationOf, hostOf, lowerCaseHeaders, type ConnectionHeader } from './connection-header.ts';
import { MalformedMessageError, readClientMessage, serverMessage, type StartPayload } from './protocol-messages.ts';
import type { Subscribe } from './registration.ts';
import { CONNECTION_INIT_TIMEOUT_MS, MAX_SUBSCRIPTIONS_PER_CONNECTION } from './realtime-limits.ts';
import type { SubscriberConnection, SubscriptionRegistry } from './subscription-registry.ts';

/** The authorization step (the HTTP endpoint's, with its per-token cache). */
export type Authorize = (request: AuthorizationInput) => Promise<AuthorizedAnswer | null>;

/** What a connection needs. */
export interface ConnectionServices {
  readonly authorize: Authorize;
  readonly subscribe: Subscribe;
  readonly registry: SubscriptionRegistry;
  /** The hosts a header object may name. */
  readonly acceptedHosts: () => ReadonlySet<string>;
  readonly keepAliveIntervalMs: number;
  readonly connectionLifetimeMs: number;
  readonly log: (line: string) => void;
}

/** The operation name AppSync gives the authorizer for a connect. */
export const CONNECT_OPERATION_NAME = 'DeepDish:Connect';

const UNAUTHORIZED_MESSAGE = 'You are not authorized to make this call.';
/** WebSocket close codes: normal, going away (server shutting down). */
const CLOSE_NORMAL = 1000;

/** A connection as the part sees it. */
export interface RealtimeConnection {
  /** Sends a clean close frame and stops the timers. */
  close(code: number, reason: string): void;
}

function authorizationInput(header: ConnectionHeader, queryString: string, operationName: string | null, variables: Readonly<Record<string, unknown>>): AuthorizationInput {
  return { authorization: authorizationOf(header), queryString, operationName, variables, requestHeaders: lowerCaseHeaders(header) };
}

function readHeaderObject(value: unknown): ConnectionHeader | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const out: Record<string, string> = {};
  for (const [name, entry] of Object.entries(value)) if (typeof entry === 'string') out[name] = entry;
  return out;
}

/**
 * Takes over an open socket whose handshake carried `header` (`null` when it carried none or
 * an unreadable one: the connection is then refused at `connection_init`).
 *
 * @example
 * wss.handleUpgrade(req, socket, head, (ws) => openConnection(ws, readConnectionHeader(req, url), services));
 */
export function openConnection(ws: WebSocket, header: ConnectionHeader | null, services: ConnectionServices): RealtimeConnection {
  let acked = false;
  let closed = false;
  const timers: NodeJS.Timeout[] = [];
  /** Subscriptions live or being started, by id; a stop during a start removes the entry, cancelling it. */
  const entries = new Map<string, { live: boolean }>();

  const hostAccepted = (candidate: ConnectionHeader): boolean => {
    const host = hostOf(candidate);
    return host !== undefined && services.acceptedHosts().has(host.toLowerCase());
  };

  // The connect-time authorization starts with the handshake and is awaited at connection_init.
  const admission: Promise<boolean> =
    header === null || !hostAccepted(header)
      ? Promise.resolve(false)
      : services.authorize(authorizationInput(header, '', CONNECT_OPERATION_NAME, {})).then(
          (answer) => answer !== null,
          () => false,
        );

  const connection: SubscriberConnection & RealtimeConnection = {
    send(frame) {
      if (!closed && ws.readyState === ws.OPEN) ws.send(frame);
    },
    invalidate(id) {
      if (entries.get(id)?.live !== true) return;
      connection.send(serverMessage.invalidated(id));
      connection.close(CLOSE_NORMAL, 'Subscription complete.');
    },
    close(code, reason) {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      services.registry.removeConnection(connection);
      ws.close(code, reason);
    },
  };

  const later = (ms: number, fn: () => void, repeat: boolean): void => {
    const timer = repeat ? setInterval(fn, ms) : setTimeout(fn, ms);
    timer.unref();
    timers.push(timer);
  };

  later(CONNECTION_INIT_TIMEOUT_MS, () => {
    if (!acked) connection.close(CLOSE_NORMAL, 'No connection_init.');
  }, false);

  async function init(): Promise<void> {
    if (!(await admission)) {
      connection.send(serverMessage.connectionError('UnauthorizedException', 401, UNAUTHORIZED_MESSAGE));
      connection.close(CLOSE_NORMAL, 'Unauthorized.');
      return;
    }
    if (closed || acked) return;
    acked = true;
    connection.send(serverMessage.connectionAck());
    later(services.keepAliveIntervalMs, () => connection.send(serverMessage.keepAlive()), true);
    later(services.connectionLifetimeMs, () => connection.close(CLOSE_NORMAL, 'Connection lifetime reached.'), false);
  }

  const fail = (id: string, errorType: string, message: string): void => {
    connection.send(serverMessage.error(id, [{ errorType, message }]));
  };

  async function start(id: string, payload: StartPayload): Promise<void> {
    if (entries.has(id)) return fail(id, 'DuplicatedOperationError', 'This subscription id is already in use on this connection.');
    if (entries.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
      return fail(id, 'MaxSubscriptionsReachedError', `Max number of ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions reached.`);
    }
    const entry = { live: false };
    entries.set(id, entry);
    const startHeader = readHeaderObject(payload.authorization);
    const answer =
      startHeader === null || !hostAccepted(startHeader)
        ? null
        : await services.authorize(authorizationInput(startHeader, payload.query, payload.operationName, payload.variables)).catch(() => null);
    if (answer === null) {
      if (entries.get(id) === entry) entries.delete(id);
      return fail(id, 'UnauthorizedException', UNAUTHORIZED_MESSAGE);
    }
    const outcome = await services
      .subscribe({
        query: payload.query,
        operationName: payload.operationName,
        variables: payload.variables,
        resolverContext: answer.resolverContext,
        deniedFields: deniedFieldSet(answer.deniedFields),
        headers: lowerCaseHeaders(startHeader ?? {}),
      })
      .catch((error: unknown) => {
        services.log(`realtime: subscribe failed: ${error instanceof Error ? error.message : String(error)}`);
        return { kind: 'error', errorType: 'InternalFailure', message: 'An internal failure occurred.' } as const;
      });
    // Stopped (or closed) while starting: it never goes live.
    if (entries.get(id) !== entry || closed) return;
    if (outcome.kind === 'error') {
      entries.delete(id);
      return fail(id, outcome.errorType, outcome.message);
    }
    // Registered and acknowledged in one step: the subscription is live from the ack.
    entry.live = true;
    services.registry.add({ connection, id, registration: outcome });
    connection.send(serverMessage.startAck(id));
  }

  function stop(id: string): void {
    if (entries.get(id)?.live === true) services.registry.remove(connection, id);
    entries.delete(id);
    connection.send(serverMessage.complete(id));
  }

  ws.on('message', (data, isBinary) => {
    if (closed) return;
    const text = isBinary ? null : Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8');
    let message;
    try {
      if (text === null) throw new MalformedMessageError('Messages must be JSON text frames.', 'BadRequestException');
      message = readClientMessage(text);
    } catch (error) {
      // Before the ack, anything but connection_init is ignored, as AppSync does.
      if (!acked) return;
      const malformed = error instanceof MalformedMessageError ? error : new MalformedMessageError('The message cannot be read.', 'BadRequestException');
      connection.send(serverMessage.error(malformed.id, [{ errorType: malformed.errorType, message: malformed.message }]));
      return;
    }
    if (message.type === 'connection_init') {
      if (!acked) void init();
      return;
    }
    if (!acked) return;
    if (message.type === 'start') void start(message.id, message.payload);
    else stop(message.id);
  });
  ws.on('close', () => {
    closed = true;
    for (const timer of timers) clearTimeout(timer);
    services.registry.removeConnection(connection);
  });
  ws.on('error', () => connection.close(CLOSE_NORMAL, 'Socket error.'));

  return connection;
}
