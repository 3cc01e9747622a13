/**
 * A raw client of the emulator's real-time endpoint (`GET /graphql/realtime`, AppSync's
 * `graphql-ws` protocol) for the hostile subscription suites: real `wss://` sockets on
 * 127.0.0.1 trusting the emulator's localhost certificate, the header object handed over in any
 * of the three ways AppSync reads it, every received frame queued in order, and a barrier that
 * proves no frame is still on its way. It speaks the protocol frame by frame, with no client
 * library smoothing over what the server answers.
 */
import { WebSocket } from 'ws';
import type { RunningEmulator } from '../../../emulator/index.ts';

/** How the handshake carries the header object `{ Authorization, host }`. */
export type HeaderWay = 'query' | 'protocol' | 'headers';

/** Every way, for `it.each`. */
export const HEADER_WAYS: readonly HeaderWay[] = ['query', 'protocol', 'headers'];

/** One server frame, parsed. */
export type ServerFrame = Readonly<Record<string, unknown>> & { readonly type: string; readonly id?: string };

/** An open real-time socket. */
export interface RealtimeSocket {
  /** The next frame not yet taken, skipping `ka`; rejects when the socket closes first. */
  next(): Promise<ServerFrame>;
  send(message: unknown): void;
  /** Sends a frame as is (`binary` sends a binary frame). */
  sendRaw(frame: string | Buffer, binary?: boolean): void;
  /**
   * Every frame received before the server answered a `stop` of a fresh id (the server
   * answers each `stop` with a `complete`, in order on the socket): frames written before
   * the barrier was sent cannot arrive after it. The frames are taken.
   */
  barrier(): Promise<ServerFrame[]>;
  /** Resolves with the close code once the socket closes. */
  readonly closed: Promise<number>;
  /** Whether the socket is still open. */
  isOpen(): boolean;
  close(): void;
}

/** How a handshake ended. */
export type Handshake =
  | { readonly kind: 'open'; readonly socket: RealtimeSocket; readonly protocol: string }
  | { readonly kind: 'refused'; readonly status: number | null; readonly error: string | null };

/** What a connection presents. */
export interface ConnectOptions {
  /** The header object's `Authorization`; `null` leaves it out. */
  readonly authorization: string | null;
  /** The header object's `host`; default the emulator's own `127.0.0.1:<port>`. */
  readonly host?: string;
  readonly way?: HeaderWay;
  /** Appended to the URL as is (`?header=…` smuggled beside another way). */
  readonly query?: string;
  /** Offered after `graphql-ws` (and before a `header-` subprotocol of the `protocol` way); `[]` offers none at all. */
  readonly protocols?: readonly string[];
}

/** The host clients of `emulator` name in their header object. */
export function emulatorHost(emulator: RunningEmulator): string {
  return new URL(emulator.graphqlUrl).host;
}

function headerObject(options: ConnectOptions, host: string): Record<string, string> {
  return { ...(options.authorization === null ? {} : { Authorization: options.authorization }), host };
}

/**
 * Opens a socket to `emulator`'s real-time endpoint; a handshake the server refuses resolves
 * as `refused` (with the HTTP status, or the connection's error when it was cut off).
 *
 * @example
 * const handshake = await handshakeRealtime(emulator, { authorization: idToken, way: 'protocol' });
 * if (handshake.kind === 'open') handshake.socket.send({ type: 'connection_init' });
 */
export function handshakeRealtime(emulator: RunningEmulator, options: ConnectOptions): Promise<Handshake> {
  const way = options.way ?? 'protocol';
  const host = options.host ?? emulatorHost(emulator);
  const header = headerObject(options, host);
  let url = `${emulator.realtimeUrl}${options.query ?? ''}`;
  const protocols = options.protocols?.length === 0 ? [] : ['graphql-ws', ...(options.protocols ?? [])];
  const headers: Record<string, string> = {};
  if (way === 'query') url += `?header=${encodeURIComponent(Buffer.from(JSON.stringify(header)).toString('base64'))}&payload=e30=`;
  if (way === 'protocol') protocols.push(`header-${Buffer.from(JSON.stringify(header)).toString('base64url')}`);
  if (way === 'headers') {
    if (options.authorization !== null) headers.authorization = options.authorization;
    headers.host = host;
  }
  return new Promise((resolve) => {
    let settled = false;
    const settle = (handshake: Handshake): void => {
      if (settled) return;
      settled = true;
      resolve(handshake);
    };
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, protocols, { headers, ca: emulator.certificate.cert, maxPayload: 4 * 1024 * 1024 });
    } catch (error) {
      // A header value Node refuses to write (e.g. a control character) never leaves the client.
      settle({ kind: 'refused', status: null, error: (error as NodeJS.ErrnoException).code ?? 'invalid request' });
      return;
    }
    const queue: ServerFrame[] = [];
    const waiters: Array<() => void> = [];
    const wake = (): void => {
      for (const waiter of waiters.splice(0)) waiter();
    };
    let barriers = 0;
    ws.on('unexpected-response', (_request, response) => {
      settle({ kind: 'refused', status: response.statusCode ?? null, error: null });
      response.resume();
      ws.terminate();
    });
    ws.on('error', (error) => settle({ kind: 'refused', status: null, error: (error as NodeJS.ErrnoException).code ?? error.message }));
    ws.on('message', (data) => {
      queue.push(JSON.parse(String(data)) as ServerFrame);
      wake();
    });
    const closed = new Promise<number>((done) => ws.on('close', (code) => {
      done(code);
      wake();
    }));
    const take = async (predicate: (frame: ServerFrame) => boolean): Promise<ServerFrame> => {
      for (;;) {
        const index = queue.findIndex(predicate);
        if (index >= 0) return queue.splice(index, 1)[0] as ServerFrame;
        if (ws.readyState === ws.CLOSED) throw new Error(`The socket closed before the frame awaited; frames left: ${JSON.stringify(queue)}`);
        await new Promise<void>((done) => waiters.push(done));
      }
    };
    const socket: RealtimeSocket = {
      next: () => take((frame) => frame.type !== 'ka'),
      send: (message) => ws.send(JSON.stringify(message)),
      sendRaw: (frame, binary = false) => ws.send(frame, { binary }),
      async barrier() {
        barriers += 1;
        const id = `barrier-${barriers}`;
        ws.send(JSON.stringify({ type: 'stop', id }));
        await take((frame) => frame.type === 'complete' && frame.id === id);
        return queue.splice(0).filter((frame) => frame.type !== 'ka');
      },
      closed,
      isOpen: () => ws.readyState === ws.OPEN,
      close: () => ws.terminate(),
    };
    ws.on('open', () => settle({ kind: 'open', socket, protocol: ws.protocol }));
  });
}

/**
 * Opens a socket, sends `connection_init` and returns it once acknowledged.
 *
 * @example
 * const socket = await ackedSocket(emulator, agentToken);
 */
export async function ackedSocket(emulator: RunningEmulator, authorization: string): Promise<RealtimeSocket> {
  const handshake = await handshakeRealtime(emulator, { authorization });
  if (handshake.kind !== 'open') throw new Error(`The handshake was refused: ${JSON.stringify(handshake)}`);
  handshake.socket.send({ type: 'connection_init' });
  const ack = await handshake.socket.next();
  if (ack.type !== 'connection_ack') throw new Error(`Expected connection_ack, got ${JSON.stringify(ack)}`);
  return handshake.socket;
}

/**
 * A `start` frame as Amplify sends it: `payload.data` the JSON text of `{ query, variables }`,
 * `extensions.authorization` the header object (`Authorization` left out when `null`).
 */
export function startFrame(id: string, authorization: string | null, host: string, query: string, variables: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    type: 'start',
    payload: {
      data: JSON.stringify({ query, variables }),
      extensions: { authorization: { ...(authorization === null ? {} : { Authorization: authorization }), host } },
    },
  };
}

/** The `errorType`s of an `error` frame. */
export function errorTypes(frame: ServerFrame): string[] {
  const errors = (frame.payload as { errors?: Array<{ errorType?: string }> } | undefined)?.errors ?? [];
  return errors.map((error) => error.errorType ?? '');
}
