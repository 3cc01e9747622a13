/**
 * A raw AppSync real-time client for the subscription tests, speaking `graphql-ws` to a running
 * emulator over a real socket on 127.0.0.1: the header object as a `header-…` subprotocol (as
 * Amplify ≥ 6.6 sends it), `connection_init` → `connection_ack`, then `start` frames carrying
 * their own header object in `extensions.authorization`. Every frame received is kept in order,
 * so a test can wait for one without timers and then assert on everything that came before it.
 */
import { WebSocket } from 'ws';

/** Where to connect: the emulator's `realtimeUrl` and, for `wss://`, the certificate to trust. */
export interface RealtimeTarget {
  /** `wss://127.0.0.1:<port>/graphql/realtime` (or `ws://`). */
  readonly realtimeUrl: string;
  /** PEM to trust as a CA for `wss://`; `null` for `ws://`. */
  readonly ca: string | null;
}

/** A frame from the server, parsed. */
export type ServerFrame = Record<string, unknown> & { readonly type: string; readonly id?: string };

/** How the socket ended. */
export interface SocketClose {
  readonly code: number;
  readonly reason: string;
}

/** A connected, acknowledged client. */
export interface Subscriber {
  /** Sends `start` for `query` with `token` in its header object; resolves with `start_ack` or `error`. */
  start(id: string, query: string, variables?: Readonly<Record<string, unknown>>, token?: string): Promise<ServerFrame>;
  /** Every frame received so far, `ka` excepted, in order. */
  frames(): readonly ServerFrame[];
  /** The `payload` of every `data` frame of subscription `id`, in order. */
  events(id: string): ReadonlyArray<{ data?: Record<string, unknown> | null; errors?: unknown[] }>;
  /** Resolves with the first frame (received so far or later) that `matches`; rejects if the socket closes first. */
  waitFor(matches: (frame: ServerFrame) => boolean, what: string): Promise<ServerFrame>;
  /** Resolves once the socket has closed. */
  readonly closed: Promise<SocketClose>;
  /** Closes the socket (1000) and waits for the close. */
  close(): Promise<SocketClose>;
}

/** The header object's `host`: the GraphQL endpoint's host, which is the real-time URL's. */
function hostOf(target: RealtimeTarget): string {
  return new URL(target.realtimeUrl).host;
}

function headerObject(target: RealtimeTarget, token: string): Record<string, string> {
  return { Authorization: token, host: hostOf(target) };
}

/**
 * Connects with `token`, sends `connection_init` and waits for `connection_ack`.
 *
 * @example
 * const agent = await connectSubscriber({ realtimeUrl: emulator.realtimeUrl, ca: emulator.certificate.cert }, idToken);
 * expect(await agent.start('1', 'subscription { onTicketActivity { id } }')).toEqual({ type: 'start_ack', id: '1' });
 */
export async function connectSubscriber(target: RealtimeTarget, token: string): Promise<Subscriber> {
  const header = Buffer.from(JSON.stringify(headerObject(target, token))).toString('base64url');
  const socket = new WebSocket(target.realtimeUrl, ['graphql-ws', `header-${header}`], target.ca === null ? {} : { ca: target.ca });
  const received: ServerFrame[] = [];
  const waiters = new Set<() => void>();
  const wake = (): void => {
    for (const waiter of [...waiters]) waiter();
  };
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as ServerFrame;
    if (frame.type !== 'ka') received.push(frame);
    wake();
  });
  let isClosed = false;
  const closed = new Promise<SocketClose>((resolve) => {
    socket.on('close', (code, reason) => {
      isClosed = true;
      resolve({ code, reason: reason.toString() });
      wake();
    });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });

  const waitFor = (matches: (frame: ServerFrame) => boolean, what: string, from = 0): Promise<ServerFrame> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = received.slice(from).find(matches);
        if (found !== undefined) {
          waiters.delete(check);
          resolve(found);
        } else if (isClosed) {
          waiters.delete(check);
          reject(new Error(`The socket closed before ${what}; received ${JSON.stringify(received)}`));
        }
      };
      waiters.add(check);
      check();
    });

  socket.send(JSON.stringify({ type: 'connection_init' }));
  const ack = await waitFor((frame) => frame.type === 'connection_ack' || frame.type === 'connection_error', 'connection_ack');
  if (ack.type !== 'connection_ack') throw new Error(`The connection was refused: ${JSON.stringify(ack)}`);

  return {
    async start(id, query, variables = {}, startToken = token) {
      const from = received.length;
      socket.send(
        JSON.stringify({
          id,
          type: 'start',
          payload: { data: JSON.stringify({ query, variables }), extensions: { authorization: headerObject(target, startToken) } },
        }),
      );
      return waitFor((frame) => frame.id === id && (frame.type === 'start_ack' || frame.type === 'error'), `the answer to start ${id}`, from);
    },
    frames: () => received,
    events: (id) => received.filter((frame) => frame.type === 'data' && frame.id === id).map((frame) => frame.payload as { data?: Record<string, unknown> | null; errors?: unknown[] }),
    waitFor: (matches, what) => waitFor(matches, what),
    closed,
    async close() {
      if (!isClosed) socket.close(1000);
      return closed;
    },
  };
}

/**
 * Whether `frame` is a `data` frame of subscription `id` whose `field` value satisfies `matches`.
 *
 * @example
 * await agent.waitFor((frame) => isEvent(frame, '1', 'onTicketChanged', (ticket) => ticket.status === 'CLOSED'), 'the CLOSED event');
 */
export function isEvent(frame: ServerFrame, id: string, field: string, matches: (value: Record<string, unknown>) => boolean): boolean {
  if (frame.type !== 'data' || frame.id !== id) return false;
  const value = (frame.payload as { data?: Record<string, unknown> | null } | undefined)?.data?.[field];
  return value !== null && typeof value === 'object' && matches(value as Record<string, unknown>);
}
