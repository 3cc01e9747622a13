/**
 * The pool's app clients, as Cognito configures them: public (no secret) or confidential (a
 * client secret), the user auth flows each allows (`ExplicitAuthFlows`), and the OAuth flows and
 * scopes each may use at `/oauth2/token` (`AllowedOAuthFlows`, `AllowedOAuthScopes`).
 *
 * Secrets are kept as scrypt hashes, like passwords, for the `client_secret` check. A client that
 * also allows a user auth flow keeps its secret as a `KeyObject` too, and only because Cognito's
 * `SECRET_HASH` rule needs it: `SECRET_HASH = base64(HMAC-SHA256(clientSecret, username + clientId))`
 * cannot be checked against a one-way hash. A `KeyObject` never shows up in JSON or logs.
 */
import { createHmac, createSecretKey, randomUUID, timingSafeEqual, type KeyObject } from 'node:crypto';
import { CognitoConfigurationError } from './errors.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';

/** The user auth flows the local pool implements, in Cognito's `ExplicitAuthFlows` words. */
export type ExplicitAuthFlow = 'ALLOW_USER_PASSWORD_AUTH' | 'ALLOW_REFRESH_TOKEN_AUTH';
/** The OAuth flows the local pool implements at `/oauth2/token`. */
export type OAuthFlow = 'client_credentials';

const EXPLICIT_AUTH_FLOWS: ReadonlySet<string> = new Set<ExplicitAuthFlow>(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
const OAUTH_FLOWS: ReadonlySet<string> = new Set<OAuthFlow>(['client_credentials']);
/** A custom scope, `<resource server identifier>/<scope name>`, as Cognito's resource servers define them. */
const CUSTOM_SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+\/[\x21\x23-\x5B\x5D-\x7E]+$/;
/** Cognito's client id pattern (`[\w+]+`, at most 128). */
const CLIENT_ID = /^[\w+]{1,128}$/;

/** How an app client is configured (seed file `clients` entries, or `appClients` options). */
export interface AppClientConfig {
  readonly clientId: string;
  /** The client secret; `null` or absent: a public client. Plaintext only here. */
  readonly secret?: string | null;
  /** Default: none (a machine client). */
  readonly explicitAuthFlows?: readonly ExplicitAuthFlow[];
  /** Default: none. `client_credentials` needs a secret and at least one scope, as in Cognito. */
  readonly allowedOAuthFlows?: readonly OAuthFlow[];
  /** Custom scopes (`helpdesk/tickets.read`) the client may ask `/oauth2/token` for. */
  readonly allowedOAuthScopes?: readonly string[];
}

/** An app client as the pool exposes it: no secret, no hash. */
export interface AppClient {
  readonly clientId: string;
  readonly hasSecret: boolean;
  readonly explicitAuthFlows: readonly ExplicitAuthFlow[];
  readonly allowedOAuthFlows: readonly OAuthFlow[];
  readonly allowedOAuthScopes: readonly string[];
}

/** The pool's app clients and their secret checks. */
export interface AppClients {
  /** All clients, the default (public) one first. */
  readonly clients: readonly AppClient[];
  find(clientId: string): AppClient | undefined;
  /**
   * Whether `secret` is the secret of the client `clientId`. An unknown client or a public one
   * costs one scrypt too, so timing does not tell which clients exist.
   */
  verifySecret(clientId: string, secret: string): Promise<boolean>;
  /** Whether `secretHash` is Cognito's `SECRET_HASH` of `username` for this client (with a secret). */
  verifySecretHash(client: AppClient, username: string, secretHash: string): boolean;
}

/**
 * Cognito's `SECRET_HASH`: base64 of HMAC-SHA256 keyed with the client secret over
 * `username + clientId`. What a client with a secret sends in `AuthParameters.SECRET_HASH`.
 *
 * @example
 * computeSecretHash('triage-secret', 'agent@example.com', 'localtriageclient'); // 'q1…='
 */
export function computeSecretHash(secret: string | KeyObject, username: string, clientId: string): string {
  return createHmac('sha256', secret).update(username + clientId).digest('base64');
}

function fail(clientId: string, problem: string): never {
  throw new CognitoConfigurationError(`App client "${clientId}": ${problem}`);
}

function checkConfig(config: AppClientConfig): void {
  const { clientId } = config;
  if (typeof clientId !== 'string' || !CLIENT_ID.test(clientId)) fail(String(clientId), 'the client id must be 1 to 128 letters, digits, _ or +');
  if (config.secret !== undefined && config.secret !== null && (typeof config.secret !== 'string' || config.secret === '')) fail(clientId, 'the secret must be a non-empty string');
  for (const flow of config.explicitAuthFlows ?? []) {
    if (!EXPLICIT_AUTH_FLOWS.has(flow)) fail(clientId, `explicit auth flow "${flow}" is not one of ${[...EXPLICIT_AUTH_FLOWS].join(', ')}`);
  }
  for (const flow of config.allowedOAuthFlows ?? []) {
    if (!OAUTH_FLOWS.has(flow)) fail(clientId, `OAuth flow "${flow}" is not one of ${[...OAUTH_FLOWS].join(', ')}`);
  }
  for (const scope of config.allowedOAuthScopes ?? []) {
    if (typeof scope !== 'string' || !CUSTOM_SCOPE.test(scope)) fail(clientId, `scope "${scope}" is not a custom scope <resource server>/<scope name>`);
  }
  if (config.allowedOAuthFlows?.includes('client_credentials') === true) {
    // Cognito's own configuration rules for machine-to-machine clients.
    if (config.secret === undefined || config.secret === null) fail(clientId, 'client_credentials needs a client secret');
    if ((config.allowedOAuthScopes ?? []).length === 0) fail(clientId, 'client_credentials needs at least one allowed OAuth scope');
  }
}

interface Secret {
  readonly hash: string;
  /** Only for clients with a user auth flow (SECRET_HASH). */
  readonly hmacKey: KeyObject | null;
}

/**
 * Builds the clients from their configuration, checking each as Cognito would refuse to create it.
 *
 * @throws {CognitoConfigurationError} for a bad or duplicate client.
 * @example
 * const clients = await createAppClients([{ clientId: 'localdevclient', explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }]);
 * clients.find('localdevclient')?.hasSecret; // false
 */
export async function createAppClients(configs: readonly AppClientConfig[]): Promise<AppClients> {
  const byId = new Map<string, AppClient>();
  const secrets = new Map<string, Secret>();
  for (const config of configs) {
    checkConfig(config);
    if (byId.has(config.clientId)) fail(config.clientId, 'defined twice (the default client included)');
    const explicitAuthFlows = Object.freeze([...new Set(config.explicitAuthFlows ?? [])]);
    byId.set(config.clientId, Object.freeze({
      clientId: config.clientId,
      hasSecret: typeof config.secret === 'string',
      explicitAuthFlows,
      allowedOAuthFlows: Object.freeze([...new Set(config.allowedOAuthFlows ?? [])]),
      allowedOAuthScopes: Object.freeze([...new Set(config.allowedOAuthScopes ?? [])]),
    }));
  }
  await Promise.all(configs.map(async (config) => {
    if (typeof config.secret !== 'string') return;
    const needsKey = (config.explicitAuthFlows ?? []).length > 0;
    secrets.set(config.clientId, { hash: await hashPassword(config.secret), hmacKey: needsKey ? createSecretKey(Buffer.from(config.secret, 'utf8')) : null });
  }));
  const decoyHash = await hashPassword(randomUUID());
  return {
    clients: [...byId.values()],
    find: (clientId) => byId.get(clientId),
    async verifySecret(clientId, secret) {
      const stored = secrets.get(clientId);
      const matches = await verifyPassword(secret, stored?.hash ?? decoyHash);
      return stored !== undefined && matches;
    },
    verifySecretHash(client, username, secretHash) {
      const key = secrets.get(client.clientId)?.hmacKey;
      if (key === undefined || key === null) return false;
      const expected = Buffer.from(computeSecretHash(key, username, client.clientId), 'utf8');
      const actual = Buffer.from(secretHash, 'utf8');
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
