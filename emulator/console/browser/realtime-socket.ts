/**
 * One subscription over its own WebSocket, the way AppSync's clients open one: handshake with
 * the header object as a subprotocol, `connection_init`, then `start` once `connection_ack`
 * arrives, `stop` on request, and a close once it has ended. It reports what happens as
 * {@link SubscriptionInput}s and decides nothing else.
 */
import { connectionInitFrame, connectionProtocols, readServerFrame, startFrame, stopFrame, type RealtimeAuthorization, type SubscriptionRequest } from './realtime-frames.ts';
import type { SubscriptionInput } from './subscription-state.ts';

/** Options of {@link openSubscriptionSocket}. */
export interface SubscriptionSocketOptions {
  readonly url: string;
  readonly authorization: RealtimeAuthorization;
  /** The subscription's id on this connection. */
  readonly id: string;
  readonly request: SubscriptionRequest;
  readonly onInput: (input: SubscriptionInput) => void;
}

/** The open subscription. */
export interface SubscriptionSocket {
  /** Sends `stop` (the server answers `complete`, then the socket is closed). */
  stop(): void;
  /** Closes the socket at once. */
  close(): void;
}

/** How long to wait for `complete` after `stop` before closing anyway. */
const STOP_GRACE_MS = 3000;
const CLOSE_NORMAL = 1000;

/**
 * @example
 * const socket = openSubscriptionSocket({ url, authorization, id: '1', request, onInput: (input) => setState((state) => reduceSubscription(state, input)) });
 * socket.stop();
 */
export function openSubscriptionSocket(options: SubscriptionSocketOptions): SubscriptionSocket {
  let socket: WebSocket;
  try {
    socket = new WebSocket(options.url, connectionProtocols(options.authorization));
  } catch (error) {
    // A URL the browser refuses (or a Content-Security-Policy that forbids it) throws here.
    queueMicrotask(() => options.onInput({ kind: 'closed', code: 0, reason: error instanceof Error ? error.message : String(error) }));
    return { stop: () => undefined, close: () => undefined };
  }
  let stopTimer: ReturnType<typeof setTimeout> | null = null;
  const close = () => {
    if (stopTimer !== null) clearTimeout(stopTimer);
    if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close(CLOSE_NORMAL);
  };

  socket.addEventListener('open', () => socket.send(connectionInitFrame()));
  socket.addEventListener('message', (event: MessageEvent) => {
    const frame = readServerFrame(typeof event.data === 'string' ? event.data : '');
    options.onInput({ kind: 'frame', frame, at: Date.now() });
    if (frame.type === 'connection_ack') socket.send(startFrame(options.id, options.request, options.authorization));
    // Once the subscription has ended, the connection has no other use.
    if ((frame.type === 'complete' && (frame.id === null || frame.id === options.id)) || (frame.type === 'error' && frame.id === options.id)) close();
  });
  socket.addEventListener('close', (event: CloseEvent) => {
    if (stopTimer !== null) clearTimeout(stopTimer);
    options.onInput({ kind: 'closed', code: event.code, reason: event.reason });
  });

  return {
    stop() {
      options.onInput({ kind: 'stop-requested' });
      if (socket.readyState !== WebSocket.OPEN) return close();
      socket.send(stopFrame(options.id));
      stopTimer = setTimeout(close, STOP_GRACE_MS);
    },
    close,
  };
}
