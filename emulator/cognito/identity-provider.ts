/**
 * The local Cognito user pool as code uses it: `createIdentityProvider(options)` builds the
 * core (`user-pool.ts`) and gives the programmatic front end over it (sign users in directly,
 * read the JWKS, answer a JSON API request) without HTTP or any wire encoding.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppClient } from './app-client.ts';
import { handleCognitoRequest, type CognitoRequest, type CognitoResponse } from './cognito-api.ts';
import { CognitoServiceError } from './errors.ts';
import type { Jwks } from './signing-keys.ts';
import type { TriggerVersion } from './trigger-event.ts';
import { createUserPool, type UserPool, type UserPoolOptions } from './user-pool.ts';
import { signInWithPassword } from './user-sessions.ts';
import type { PoolUser } from './user-store.ts';

export { DEFAULT_CLIENT_ID, DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS, DEFAULT_TOKEN_LIFETIME_SECONDS, DEFAULT_USER_POOL_ID } from './user-pool.ts';

/** Options of {@link createIdentityProvider}: those of the core. */
export type IdentityProviderOptions = UserPoolOptions;

/** Tokens of one sign-in. */
export interface SignInResult {
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Seconds. */
  readonly expiresIn: number;
}

/** The local user pool. */
export interface IdentityProvider {
  readonly userPoolId: string;
  /** The default public app client (`localdevclient`). */
  readonly clientId: string;
  /** Every app client (the default one first), without secrets: for the authorizer's `APP_CLIENT_ID` list, say. */
  readonly appClients: readonly AppClient[];
  readonly region: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`: the `iss` of every token. */
  readonly issuer: string;
  /** `'1'` or `'2'`: the trigger event version in use. */
  readonly triggerVersion: TriggerVersion;
  /** Where the JWKS is served: `/<userPoolId>/.well-known/jwks.json`. */
  readonly jwksPath: string;
  /** The users (no password hashes), in seed file order. */
  readonly users: readonly PoolUser[];
  /** The core this front end works on (for other front ends and fault wrappers). */
  readonly pool: UserPool;
  /** The public keys (ID token key first, then access token key); a fresh copy per call. */
  jwks(): Jwks;
  /** Writes the public JWKS to `path` (for the authorizer's `JWKS_FILE`). */
  writeJwksFile(path: string): void;
  /**
   * Signs a user in as `InitiateAuth` with `USER_PASSWORD_AUTH` does, through `clientId` (default:
   * the default public client; a client with a secret cannot sign in without its SECRET_HASH here).
   * Rejects with a `CognitoServiceError` (`NotAuthorizedException`) on a wrong email or password.
   */
  signIn(username: string, password: string, clientId?: string): Promise<SignInResult>;
  /** Answers one Cognito API request (`X-Amz-Target` and raw JSON body); never rejects. */
  handleCognitoRequest(request: CognitoRequest): Promise<CognitoResponse>;
}

/**
 * The programmatic front end over a core (built by {@link createIdentityProvider}, or over a
 * copy of its core with rotated keys by `emulator/faults/`).
 *
 * @example
 * const provider = identityProviderOf(await createUserPool({ inMemory: true }));
 */
export function identityProviderOf(pool: UserPool): IdentityProvider {
  return {
    userPoolId: pool.userPoolId,
    clientId: pool.defaultClientId,
    appClients: pool.clients.clients,
    region: pool.region,
    issuer: pool.issuer,
    triggerVersion: pool.triggerVersion,
    jwksPath: pool.jwksPath,
    users: pool.users.users,
    pool,
    // A copy each time: callers may hand it to code that mutates it.
    jwks: () => structuredClone(pool.signingKeys.jwks),
    writeJwksFile(path) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(pool.signingKeys.jwks, null, 2)}\n`);
    },
    async signIn(username, password, clientId = pool.defaultClientId) {
      const client = pool.clients.find(clientId);
      if (client === undefined) throw new CognitoServiceError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
      const { idToken, accessToken, refreshToken, expiresIn } = await signInWithPassword(pool, { client, username, password });
      return { idToken, accessToken, refreshToken, expiresIn };
    },
    handleCognitoRequest: (request) => handleCognitoRequest(pool, request),
  };
}

/**
 * Creates the local Cognito user pool.
 *
 * @example
 * const pool = await createIdentityProvider({ dataDir: '.data' });
 * pool.issuer; // 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_localdev'
 * const { idToken, accessToken } = await pool.signIn('agent@example.com', 'Passw0rd!');
 */
export async function createIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  return identityProviderOf(await createUserPool(options));
}
