/**
 * The floor of the subscription latency benchmark: a bare `ws` WebSocketServer on 127.0.0.1
 * that sends one prepared text frame to every connected socket. No protocol, no filter, no
 * per-subscriber shaping: what any WebSocket fan-out in Node costs on this machine.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/** A running floor. */
export interface BroadcastFloor {
  /** `ws://127.0.0.1:<port>/`. */
  readonly url: string;
  /** Connected sockets. */
  clientCount(): number;
  /** Sends `frame` to every connected socket, synchronously, as the emulator's delivery is. */
  broadcast(frame: string): void;
  close(): Promise<void>;
}

/**
 * @example
 * const floor = await startBroadcastFloor();
 * floor.broadcast('{"type":"data","id":"bench","payload":{}}');
 * await floor.close();
 */
export async function startBroadcastFloor(): Promise<BroadcastFloor> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/`,
    clientCount: () => server.clients.size,
    broadcast(frame) {
      for (const socket of server.clients) if (socket.readyState === socket.OPEN) socket.send(frame);
    },
    async close() {
      for (const socket of server.clients) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
