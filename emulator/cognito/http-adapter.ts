/**
 * Mounts the local user pool on a Node `http` server: the Cognito JSON API on `POST /` (requests
 * with `X-Amz-Target: AWSCognitoIdentityProviderService.*`), the JWKS on
 * `GET /<userPoolId>/.well-known/jwks.json`, and CORS for pages served from this machine
 * (Amplify in a web app under development; see `../http/cors.ts`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { corsHeaders } from '../http/cors.ts';
import { BodyError, readBody } from '../http/read-body.ts';
import { COGNITO_TARGET_PREFIX } from './cognito-api.ts';
import type { IdentityProvider } from './identity-provider.ts';

/** The most a Cognito request body may hold here; real ones are a few KB. */
const MAX_BODY_BYTES = 1024 * 1024;

/** A request handler that answers and returns `true` when the request is the pool's, else `false` untouched. */
export type CognitoRouteHandler = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

function send(response: ServerResponse, status: number, headers: Readonly<Record<string, string>>, body: string): void {
  response.writeHead(status, { ...corsHeaders(response.req.headers.origin), ...headers, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/**
 * Creates the route handler of `provider`.
 *
 * @example
 * const cognito = createCognitoRouteHandler(pool);
 * http.createServer(async (req, res) => {
 *   if (await cognito(req, res)) return;
 *   // ...the emulator's other routes
 * });
 */
export function createCognitoRouteHandler(provider: IdentityProvider): CognitoRouteHandler {
  return async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const method = request.method ?? 'GET';
    const target = request.headers['x-amz-target'];
    const targetValue = Array.isArray(target) ? target[0] : target;

    if (path === provider.jwksPath) {
      if (method === 'OPTIONS') send(response, 204, {}, '');
      else if (method === 'GET' || method === 'HEAD') send(response, 200, { 'content-type': 'application/json' }, method === 'HEAD' ? '' : JSON.stringify(provider.jwks()));
      else send(response, 405, { allow: 'GET, HEAD, OPTIONS' }, '');
      return true;
    }
    if (path !== '/') return false;
    if (method === 'OPTIONS') {
      send(response, 204, {}, '');
      return true;
    }
    if (method !== 'POST' || targetValue === undefined || !targetValue.startsWith(COGNITO_TARGET_PREFIX)) return false;

    let body: string;
    try {
      // The shared reader drains an oversized body instead of dropping the connection, so the
      // client reads the 413.
      body = await readBody(request, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyError && error.reason === 'tooLarge') {
        send(response, 413, { 'content-type': 'application/x-amz-json-1.1' }, JSON.stringify({ __type: 'SerializationException', message: `Request body larger than ${MAX_BODY_BYTES} bytes.` }));
        return true;
      }
      // The client went away mid-request: nobody is left to answer.
      response.destroy();
      return true;
    }
    const answer = await provider.handleCognitoRequest({ target: targetValue, body });
    send(response, answer.status, answer.headers, answer.body);
    return true;
  };
}
