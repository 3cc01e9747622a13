/**
 * The local Cognito user pool: signing keys, users, refresh tokens, token issuance with the
 * project's pre-token-generation trigger, and the Cognito-compatible API, behind one factory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { handler as projectPreTokenGeneration } from '../../triggers/pre-token-generation.ts';
import { handleCognitoRequest, type CognitoApiContext, type CognitoRequest, type CognitoResponse } from './cognito-api.ts';
import { CognitoConfigurationError, CognitoServiceError, INCORRECT_CREDENTIALS_MESSAGE } from './errors.ts';
import { createRefreshTokenStore } from './refresh-token-store.ts';
import { DEFAULT_SEED_FILE, readSeedUsers } from './seed-users.ts';
import { loadSigningKeys, type Jwks } from './signing-keys.ts';
import { createTokenIssuer } from './token-issuer.ts';
import type { PreTokenGenerationHandler, TriggerVersion } from './trigger-event.ts';
import { createUserStore, type PoolUser } from './user-store.ts';

/** The local pool id (README, "Quickstart"; `docs/cognito.md`). */
export const DEFAULT_USER_POOL_ID = 'us-east-1_localdev';
/** The local app client id (README, "Quickstart"; `docs/cognito.md`). */
export const DEFAULT_CLIENT_ID = 'localdevclient';
/** Cognito's default ID and access token lifetime: 60 minutes. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3_600;
/** Cognito's default refresh token lifetime: 30 days. */
export const DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS = 30 * 24 * 3_600;

interface CommonOptions {
  /** Default `us-east-1_localdev`. */
  readonly userPoolId?: string;
  /** Default `localdevclient`. */
  readonly clientId?: string;
  /** Default: the pool id's prefix (`us-east-1`). */
  readonly region?: string;
  /**
   * The stack's flag: `true` sends the trigger the V2_0 event (Essentials plan; the access token
   * can carry email); `false` (default) sends V1_0 (Lite plan).
   */
  readonly accessTokenEmail?: boolean;
  /** Default `emulator/seed-users.json`. */
  readonly seedFile?: string;
  /** ID and access token lifetime; default 3600. */
  readonly tokenLifetimeSeconds?: number;
  /** Default 30 days. */
  readonly refreshTokenLifetimeSeconds?: number;
  /**
   * The trigger applied to every token. Default: the project's real handler
   * (`triggers/pre-token-generation.ts`); `null`: no trigger, as a pool without one.
   */
  readonly preTokenGeneration?: PreTokenGenerationHandler | null;
  /** The clock, in milliseconds since the epoch; default `Date.now`. */
  readonly now?: () => number;
  /** Receives unexpected failures (answered as `InternalErrorException`); default `console.error`. */
  readonly onInternalError?: (error: unknown) => void;
}

/**
 * Where the pool keeps its state: `dataDir` (files under `<dataDir>/cognito/`: `keys.json`,
 * `users.json`, `refresh-tokens.json`, created on first use) or `inMemory: true` (nothing written).
 */
export type IdentityProviderOptions = CommonOptions & ({ readonly dataDir: string; readonly inMemory?: false } | { readonly inMemory: true; readonly dataDir?: undefined });

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
  readonly clientId: string;
  readonly region: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`: the `iss` of every token. */
  readonly issuer: string;
  /** `'1'` or `'2'`: the trigger event version in use. */
  readonly triggerVersion: TriggerVersion;
  /** Where the JWKS is served: `/<userPoolId>/.well-known/jwks.json`. */
  readonly jwksPath: string;
  /** The users (no password hashes), in seed file order. */
  readonly users: readonly PoolUser[];
  /** The public keys (ID token key first, then access token key); a fresh copy per call. */
  jwks(): Jwks;
  /** Writes the public JWKS to `path` (for the authorizer's `JWKS_FILE`). */
  writeJwksFile(path: string): void;
  /**
   * Signs a user in as `InitiateAuth` with `USER_PASSWORD_AUTH` does. Rejects with a
   * `CognitoServiceError` (`NotAuthorizedException`) on a wrong email or password.
   */
  signIn(username: string, password: string): Promise<SignInResult>;
  /** Answers one Cognito API request (`X-Amz-Target` and raw JSON body); never rejects. */
  handleCognitoRequest(request: CognitoRequest): Promise<CognitoResponse>;
}

function regionOf(userPoolId: string): string {
  const match = /^([a-z]{2}(?:-[a-z]+)+-\d+)_[0-9A-Za-z]+$/.exec(userPoolId);
  if (match === null) throw new CognitoConfigurationError(`"${userPoolId}" is not a Cognito user pool id: expected <region>_<id>, e.g. us-east-1_localdev.`);
  return match[1] as string;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new CognitoConfigurationError(`${name} must be a positive whole number of seconds, got ${value}.`);
  return value;
}

/**
 * Creates the local Cognito user pool.
 *
 * @example
 * const pool = await createIdentityProvider({ dataDir: '.data' });
 * pool.issuer; // 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_localdev'
 * const { idToken, accessToken } = await pool.signIn('agent@example.com', 'Passw0rd!');
 * server.on('request', createCognitoRouteHandler(pool)); // see http-adapter.ts
 */
export async function createIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  const userPoolId = options.userPoolId ?? DEFAULT_USER_POOL_ID;
  // Validates the pool id even when the region is given explicitly.
  const poolRegion = regionOf(userPoolId);
  const region = options.region ?? poolRegion;
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  if (clientId === '') throw new CognitoConfigurationError('clientId must not be empty.');
  const tokenLifetimeSeconds = positiveInteger(options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS, 'tokenLifetimeSeconds');
  const refreshTokenLifetimeSeconds = positiveInteger(options.refreshTokenLifetimeSeconds ?? DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS, 'refreshTokenLifetimeSeconds');
  const now = options.now ?? Date.now;
  const triggerVersion: TriggerVersion = options.accessTokenEmail === true ? '2' : '1';
  const preTokenGeneration = options.preTokenGeneration === undefined ? (projectPreTokenGeneration as PreTokenGenerationHandler) : options.preTokenGeneration;

  if (options.inMemory !== true && typeof options.dataDir !== 'string') {
    throw new CognitoConfigurationError('Pass either dataDir (a directory to keep keys and users in) or inMemory: true.');
  }
  const stateDir = options.inMemory === true ? null : join(options.dataDir as string, 'cognito');
  if (stateDir !== null) mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const file = (name: string): string | null => (stateDir === null ? null : join(stateDir, name));

  const seedUsers = readSeedUsers(options.seedFile ?? DEFAULT_SEED_FILE);
  const [keys, users] = await Promise.all([loadSigningKeys(file('keys.json')), createUserStore(seedUsers, file('users.json'))]);
  const refreshTokens = createRefreshTokenStore(file('refresh-tokens.json'), now);
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  const tokens = createTokenIssuer({ issuer, region, userPoolId, clientId, keys, tokenLifetimeSeconds, triggerVersion, preTokenGeneration, now });
  const context: CognitoApiContext = {
    issuer,
    clientId,
    keys,
    users,
    refreshTokens,
    tokens,
    refreshTokenLifetimeSeconds,
    now,
    onInternalError: options.onInternalError ?? ((error) => console.error('[cognito] internal error', error)),
  };

  return {
    userPoolId,
    clientId,
    region,
    issuer,
    triggerVersion,
    jwksPath: `/${userPoolId}/.well-known/jwks.json`,
    users: users.users,
    // A copy each time: callers may hand it to code that mutates it.
    jwks: () => structuredClone(keys.jwks),
    writeJwksFile(path) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(keys.jwks, null, 2)}\n`);
    },
    async signIn(username, password) {
      const answer = await handleCognitoRequest(context, {
        target: 'AWSCognitoIdentityProviderService.InitiateAuth',
        body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
      });
      const body = JSON.parse(answer.body) as { __type?: string; message?: string; AuthenticationResult?: Record<string, string | number> };
      const result = body.AuthenticationResult;
      if (answer.status !== 200 || result === undefined) {
        throw new CognitoServiceError((body.__type ?? 'NotAuthorizedException') as 'NotAuthorizedException', body.message ?? INCORRECT_CREDENTIALS_MESSAGE);
      }
      return {
        idToken: String(result.IdToken),
        accessToken: String(result.AccessToken),
        refreshToken: String(result.RefreshToken),
        expiresIn: Number(result.ExpiresIn),
      };
    },
    handleCognitoRequest: (request) => handleCognitoRequest(context, request),
  };
}
