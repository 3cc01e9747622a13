/**
 * The emulator's one way to answer: every route, the router's own 404/405 and every capability
 * send through here, so `content-length` is always right and a header set by the router (CORS)
 * is merged, never repeated.
 */
import type { ServerResponse } from 'node:http';

/**
 * Sends `body` with `status`; `headers` name its `content-type` (and win over any header the
 * router set before, such as CORS, instead of repeating it).
 *
 * @example
 * sendBody(res, 200, html, { 'content-type': 'text/html; charset=utf-8' });
 * sendBody(res, 204, '');
 */
export function sendBody(res: ServerResponse, status: number, body: string | Buffer, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Sends `body` as JSON with `status`.
 *
 * @example
 * sendJson(res, 200, { data: null }, { 'x-amzn-requestid': requestId });
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  sendBody(res, status, JSON.stringify(body), { 'content-type': 'application/json; charset=UTF-8', ...headers });
}

/** An AppSync-style request error body: `{ errors: [{ errorType, message }] }`. */
export interface RequestErrorBody {
  readonly errors: ReadonlyArray<{ readonly errorType: string; readonly message: string }>;
}

/**
 * The body AppSync answers a request it refuses before execution with.
 *
 * @example
 * sendJson(res, 404, requestErrorBody('NotFoundException', 'No route for GET /nowhere.'));
 */
export function requestErrorBody(errorType: string, message: string): RequestErrorBody {
  return { errors: [{ errorType, message }] };
}
