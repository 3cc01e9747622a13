/** JSON responses, and the error bodies AppSync answers with before execution. */
import type { ServerResponse } from 'node:http';

/** Sends `body` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** AppSync's 401 body: the same for a missing, malformed, refused or expired token. */
export const UNAUTHORIZED_BODY = Object.freeze({
  errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }],
});

/** An AppSync-style request error body: `{ errors: [{ errorType, message }] }`. */
export function requestErrorBody(errorType: string, message: string): { errors: Array<{ errorType: string; message: string }> } {
  return { errors: [{ errorType, message }] };
}
