/**
 * The pool's routes (`cognito-routes.ts`) as one route function of the emulator's older
 * first-match router: answers a request whose method and exact path a Cognito route claims,
 * and leaves every other request untouched. Sets no CORS headers: the router does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cognitoRoutes } from './cognito-routes.ts';
import type { IdentityProvider } from './identity-provider.ts';

/** A request handler that answers and returns `true` when the request is the pool's, else `false` untouched. */
export type CognitoRouteHandler = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

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
  const routes = cognitoRoutes(provider.pool);
  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = routes.find((candidate) => candidate.method === request.method && candidate.path === url.pathname);
    if (route === undefined) return false;
    await route.handle(request, response, url);
    return true;
  };
}
