/**
 * The client credentials grant of the pool's core: which scopes a machine client gets, and its
 * access token. Client authentication (the secret) is the front end's first step, through
 * `pool.clients.verifySecret`.
 */
import type { AppClient } from './app-client.ts';
import { issueClientToken, type IssuedClientToken } from './token-issuer.ts';
import type { UserPool } from './user-pool.ts';

/** Why a grant was refused, in OAuth 2.0's words (RFC 6749 §5.2). */
export type ClientCredentialsRefusal = 'unauthorized_client' | 'invalid_scope';

/** A refused client credentials grant. */
export class ClientCredentialsError extends Error {
  override readonly name = 'ClientCredentialsError';
  readonly code: ClientCredentialsRefusal;

  constructor(code: ClientCredentialsRefusal) {
    super(code === 'unauthorized_client' ? 'The client may not use the client_credentials grant.' : 'A requested scope is not allowed for this client.');
    this.code = code;
  }
}

/** An issued grant. */
export interface ClientCredentialsGrant extends IssuedClientToken {
  readonly scopes: readonly string[];
}

/**
 * Grants an authenticated client an access token for `requestedScope` (space-separated), or for
 * every scope it is allowed when `null`.
 *
 * @throws {ClientCredentialsError} `unauthorized_client` when the client lacks the flow,
 * `invalid_scope` when a requested scope is not among its allowed ones (or none is requested).
 * @example
 * grantClientCredentials(pool, client, 'helpdesk/tickets.read').scopes; // ['helpdesk/tickets.read']
 */
export function grantClientCredentials(pool: UserPool, client: AppClient, requestedScope: string | null): ClientCredentialsGrant {
  if (!client.allowedOAuthFlows.includes('client_credentials')) throw new ClientCredentialsError('unauthorized_client');
  const requested = requestedScope === null ? [...client.allowedOAuthScopes] : [...new Set(requestedScope.split(' ').filter((scope) => scope !== ''))];
  if (requested.length === 0 || !requested.every((scope) => client.allowedOAuthScopes.includes(scope))) throw new ClientCredentialsError('invalid_scope');
  return { ...issueClientToken(pool, { client, scopes: requested }), scopes: requested };
}
