/**
 * Refuses an `upgrade` request on its raw socket. No `ServerResponse` exists for an upgrade, so
 * the answer is written by hand: a complete HTTP response (a client reads the status instead of
 * a reset connection), then the socket is ended and destroyed.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { requestErrorBody } from './send-json.ts';

/**
 * Answers `status` with an AppSync-style JSON error body and closes the socket.
 *
 * @example
 * refuseUpgrade(socket, 404, 'NotFoundException', 'No WebSocket endpoint at /nowhere.');
 */
export function refuseUpgrade(socket: Duplex, status: number, errorType: string, message: string): void {
  const body = JSON.stringify(requestErrorBody(errorType, message));
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'connection: close',
    'content-type: application/json; charset=UTF-8',
    `content-length: ${Buffer.byteLength(body)}`,
  ].join('\r\n');
  if (socket.destroyed) return;
  // A client that hangs up first must not leave an unhandled 'error' behind.
  socket.on('error', () => socket.destroy());
  socket.end(`${head}\r\n\r\n${body}`, () => socket.destroy());
}
