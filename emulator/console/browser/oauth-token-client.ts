/**
 * Machine sign-in: Cognito's OAuth 2.0 token endpoint with the `client_credentials` grant, the
 * client authenticated with HTTP Basic, as a back-end service would call it.
 */
import type { ConsoleConfig } from '../contract.ts';

/** A client-credentials token. */
export interface ClientCredentialsToken {
  readonly accessToken: string;
  /** Seconds. */
  readonly expiresIn: number;
}

/** A refusal of the token endpoint, with OAuth's error code (`invalid_client`, `invalid_scope`, …). */
export class TokenEndpointError extends Error {
  override readonly name = 'TokenEndpointError';
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

const MEANINGS: Readonly<Record<string, string>> = {
  invalid_client: 'unknown client, or wrong secret',
  unauthorized_client: 'this client may not use the client_credentials grant',
  invalid_scope: 'a scope this client may not ask for',
  invalid_request: 'the request is malformed',
  unsupported_grant_type: 'the grant is not supported',
};

/** `application/x-www-form-urlencoded` encoding, as HTTP Basic client credentials need it (RFC 6749 §2.3.1). */
function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

/**
 * The Basic `Authorization` value for a client id and secret.
 *
 * @example
 * basicClientAuthorization('localreportingclient', 'reporting-secret'); // 'Basic bG9jYWxyZXBvcnRpbmdjbGllbnQ6cmVwb3J0aW5nLXNlY3JldA=='
 */
export function basicClientAuthorization(clientId: string, secret: string): string {
  const bytes = new TextEncoder().encode(`${formEncode(clientId)}:${formEncode(secret)}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/**
 * `POST /oauth2/token` with `grant_type=client_credentials` and, when given, `scope`
 * (space-separated; omitted: every scope the client may ask for).
 *
 * @example
 * const { accessToken } = await requestClientCredentials(config, 'localreportingclient', 'reporting-secret', null);
 */
export async function requestClientCredentials(config: ConsoleConfig, clientId: string, secret: string, scope: string | null): Promise<ClientCredentialsToken> {
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (scope !== null && scope.trim() !== '') body.set('scope', scope.trim());
  let response: Response;
  try {
    response = await fetch(config.tokenEndpoint, {
      method: 'POST',
      // The client's credentials go in our own Authorization header. Without `omit`, a 401 with
      // `WWW-Authenticate: Basic` (a wrong secret) would open the browser's password prompt.
      credentials: 'omit',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicClientAuthorization(clientId, secret) },
      body: body.toString(),
    });
  } catch {
    throw new TokenEndpointError('network_error', `Could not reach the token endpoint at ${config.tokenEndpoint}. Is the emulator running?`);
  }
  const answer = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok || answer === null || typeof answer.access_token !== 'string') {
    const code = typeof answer?.error === 'string' ? answer.error : `HTTP ${response.status}`;
    throw new TokenEndpointError(code, `${code}${MEANINGS[code] === undefined ? '' : ` (${MEANINGS[code]})`}`);
  }
  return { accessToken: answer.access_token, expiresIn: typeof answer.expires_in === 'number' ? answer.expires_in : 3600 };
}
