/**
 * Subscriber sockets for the subscription benchmarks: many clients of the emulator's real-time
 * endpoint, each past `connection_init` and one `start` (as Amplify sends them: the header
 * object in a `header-…` subprotocol), or many bare sockets of the broadcast floor. Every
 * frame is handed over with the time it arrived, taken before anything else is done with it.
 */
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { nowMs } from './stats.ts';

/** The emulator's real-time endpoint and the one subscription each client starts. */
export interface RealtimeTarget {
  readonly kind: 'realtime';
  /** `ws://` or `wss://…/graphql/realtime`. */
  readonly url: string;
  /** The certificate to trust for `wss://` (the emulator's `certificate.cert`); `null` for `ws://`. */
  readonly ca: string | null;
  /** An ID token; the same for every client (the authorizer's cache answers after the first). */
  readonly token: string;
  /** The header object's `host`: one the emulator accepts (`127.0.0.1:<port>`). */
  readonly host: string;
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
}

/** The broadcast floor: plain sockets, nothing to send. */
export interface FloorTarget {
  readonly kind: 'floor';
  readonly url: string;
}

/** Called for every frame after the subscription is live: its text and when it arrived. */
export type OnFrame = (text: string, receivedAtMs: number) => void;

/** A subscriber refused or cut off while opening; the message is the server's frame. */
export class SubscriberOpenError extends Error {
  override readonly name = 'SubscriberOpenError';
}

const SUBSCRIPTION_ID = 'bench';
/** Clients opened at once: enough to be quick, few enough not to time out the handshakes. */
const OPEN_CONCURRENCY = 25;
const OPEN_TIMEOUT_MS = 30_000;

function nextFrame(socket: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new SubscriberOpenError('no answer within 30 s')), OPEN_TIMEOUT_MS);
    const onMessage = (data: unknown): void => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (message.type === 'ka') return;
      done();
      resolve(message);
    };
    const onClose = (code: number): void => fail(new SubscriberOpenError(`socket closed (${code}) while opening`));
    const fail = (error: Error): void => {
      done();
      reject(error);
    };
    const done = (): void => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      socket.off('close', onClose);
    };
    socket.on('message', onMessage);
    socket.on('close', onClose);
  });
}

async function expect(socket: WebSocket, type: string): Promise<void> {
  const message = await nextFrame(socket);
  if (message.type !== type) throw new SubscriberOpenError(`expected ${type}, got ${JSON.stringify(message).slice(0, 300)}`);
}

async function openOne(target: RealtimeTarget | FloorTarget, onFrame: OnFrame): Promise<WebSocket> {
  let socket: WebSocket;
  if (target.kind === 'floor') {
    socket = new WebSocket(target.url);
  } else {
    const header = Buffer.from(JSON.stringify({ Authorization: target.token, host: target.host })).toString('base64url');
    socket = new WebSocket(target.url, ['graphql-ws', `header-${header}`], target.ca === null ? {} : { ca: target.ca });
  }
  socket.on('error', () => undefined);
  await once(socket, 'open');
  if (target.kind === 'realtime') {
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await expect(socket, 'connection_ack');
    socket.send(
      JSON.stringify({
        id: SUBSCRIPTION_ID,
        type: 'start',
        payload: {
          data: JSON.stringify({ query: target.query, variables: target.variables }),
          extensions: { authorization: { Authorization: target.token, host: target.host } },
        },
      }),
    );
    await expect(socket, 'start_ack');
  }
  socket.on('message', (data) => {
    const receivedAtMs = nowMs();
    onFrame(String(data), receivedAtMs);
  });
  return socket;
}

/**
 * Opens `count` subscribers of `target`, a few at a time, and resolves once every one is live.
 *
 * @example
 * const sockets = await openSubscribers(floorTarget, 100, (text, at) => arrivals.push(at));
 */
export async function openSubscribers(target: RealtimeTarget | FloorTarget, count: number, onFrame: OnFrame): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next += 1;
      sockets.push(await openOne(target, onFrame));
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(OPEN_CONCURRENCY, count) }, worker));
  } catch (error) {
    await closeSubscribers(sockets);
    throw error;
  }
  return sockets;
}

/**
 * Closes sockets and resolves once each has closed (a socket that does not answer the close
 * frame within 5 s is cut off).
 *
 * @example
 * await closeSubscribers(sockets);
 */
export async function closeSubscribers(sockets: readonly WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(async (socket) => {
      if (socket.readyState === socket.CLOSED) return;
      const closed = once(socket, 'close');
      socket.close(1000);
      const timer = setTimeout(() => socket.terminate(), 5000);
      await closed;
      clearTimeout(timer);
    }),
  );
}
