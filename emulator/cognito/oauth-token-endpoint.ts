/**
 * `POST /oauth2/token` as a Cognito user pool domain answers it, for the grant the local pool
 * implements: `client_credentials` (machine-to-machine). A front end over the pool's core.
 *
 * - Body `application/x-www-form-urlencoded`: `grant_type`, optional `scope` (space-separated;
 *   omitted: every scope the client is allowed), and the client's credentials, either in
 *   `Authorization: Basic base64(client_id:client_secret)` or as `client_id` + `client_secret`
 *   in the body (never both, RFC 6749 §2.3).
 * - Success: `200 { access_token, expires_in, token_type: "Bearer" }`, `Cache-Control: no-store`.
 * - Errors: `{ "error": <code> }`, HTTP 400, or 401 with `WWW-Authenticate` for `invalid_client`.
 *   `invalid_request` (content type, a missing or repeated parameter, two ways of authenticating),
 *   `unsupported_grant_type`, `invalid_client` (unknown client, no or wrong secret),
 *   `unauthorized_client` (the client lacks the grant), `invalid_scope`.
 */
import { ClientCredentialsError, grantClientCredentials } from './client-credentials.ts';
import type { UserPool } from './user-pool.ts';

/** The error codes answered, OAuth 2.0's (RFC 6749 §5.2). */
export type TokenErrorCode = 'invalid_request' | 'invalid_client' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope' | 'server_error';

/** A token request as read off HTTP. */
export interface TokenRequest {
  readonly contentType: string | undefined;
  readonly authorization: string | undefined;
  readonly body: string;
}

/** An answer, the body as a JSON value. */
export interface TokenAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Tokens and token errors must not be cached (RFC 6749 §5.1). */
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(readonly code: TokenErrorCode, readonly viaHeader = false) {
    super(code);
  }
}

function formParameters(request: TokenRequest): Map<string, string> {
  const mediaType = (request.contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') throw new TokenError('invalid_request');
  const parameters = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(request.body)) {
    // Parameters must not be repeated (RFC 6749 §3.2).
    if (parameters.has(name)) throw new TokenError('invalid_request');
    parameters.set(name, value);
  }
  return parameters;
}

/** `application/x-www-form-urlencoded` decoding, as Basic credentials are encoded (RFC 6749 §2.3.1). */
function formDecode(text: string): string | null {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return null;
  }
}

/** The client id and secret presented, from the header or the body; `null` members when absent. */
function presentedCredentials(request: TokenRequest, parameters: Map<string, string>): { clientId: string | null; secret: string | null; viaHeader: boolean } {
  const bodyId = parameters.get('client_id') ?? null;
  const bodySecret = parameters.get('client_secret') ?? null;
  if (request.authorization === undefined) return { clientId: bodyId, secret: bodySecret, viaHeader: false };
  const match = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(request.authorization.trim());
  const decoded = match === null ? '' : Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const clientId = colon <= 0 ? null : formDecode(decoded.slice(0, colon));
  const secret = colon <= 0 ? null : formDecode(decoded.slice(colon + 1));
  if (clientId === null || secret === null) throw new TokenError('invalid_client', true);
  if (bodySecret !== null || (bodyId !== null && bodyId !== clientId)) throw new TokenError('invalid_request');
  return { clientId, secret, viaHeader: true };
}

function success(payload: Record<string, unknown>): TokenAnswer {
  return { status: 200, headers: NO_STORE, payload };
}

function refusal(error: TokenError): TokenAnswer {
  if (error.code === 'invalid_client') {
    return { status: 401, headers: { ...NO_STORE, ...(error.viaHeader ? { 'www-authenticate': 'Basic' } : {}) }, payload: { error: error.code } };
  }
  return { status: error.code === 'server_error' ? 500 : 400, headers: NO_STORE, payload: { error: error.code } };
}

/**
 * Answers one token request. Never throws: every failure is an OAuth error answer.
 *
 * @example
 * const answer = await answerTokenRequest(pool, {
 *   contentType: 'application/x-www-form-urlencoded',
 *   authorization: `Basic ${Buffer.from('localreportingclient:reporting-secret').toString('base64')}`,
 *   body: 'grant_type=client_credentials',
 * });
 * answer.payload.access_token; // a JWT with scope 'helpdesk/tickets.read'
 */
export async function answerTokenRequest(pool: UserPool, request: TokenRequest): Promise<TokenAnswer> {
  try {
    const parameters = formParameters(request);
    const grantType = parameters.get('grant_type');
    if (grantType === undefined || grantType === '') throw new TokenError('invalid_request');
    if (grantType !== 'client_credentials') throw new TokenError('unsupported_grant_type');
    const { clientId, secret, viaHeader } = presentedCredentials(request, parameters);
    if (clientId === null || secret === null) throw new TokenError('invalid_client', viaHeader);
    // Costs one scrypt whether or not the client exists.
    const authenticated = await pool.clients.verifySecret(clientId, secret);
    const client = pool.clients.find(clientId);
    if (!authenticated || client === undefined) throw new TokenError('invalid_client', viaHeader);
    const grant = grantClientCredentials(pool, client, parameters.get('scope') ?? null);
    return success({ access_token: grant.accessToken, expires_in: grant.expiresIn, token_type: 'Bearer' });
  } catch (error) {
    if (error instanceof TokenError) return refusal(error);
    if (error instanceof ClientCredentialsError) return refusal(new TokenError(error.code));
    pool.onInternalError(error);
    return refusal(new TokenError('server_error'));
  }
}
