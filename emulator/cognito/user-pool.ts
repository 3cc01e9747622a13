/**
 * The local Cognito user pool's core: its settings, app clients, users, refresh tokens and
 * signing keys, with nothing about HTTP or any wire format. Front ends (the `X-Amz-Target` JSON
 * API in `cognito-api.ts`, `/oauth2/token` in `oauth-token-endpoint.ts`, programmatic `signIn`)
 * work on a {@link UserPool} through the flows in `user-sessions.ts` and `client-credentials.ts`.
 *
 * A `UserPool` is a plain record: a fault wrapper (key rotation, `emulator/faults/`) makes a
 * copy with other `signingKeys`, and every front end over the copy follows it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { handler as projectPreTokenGeneration } from '../../triggers/pre-token-generation.ts';
import { createAppClients, type AppClientConfig, type AppClients } from './app-client.ts';
import { CognitoConfigurationError } from './errors.ts';
import { createRefreshTokenStore, type RefreshTokenStore } from './refresh-token-store.ts';
import { DEFAULT_SEED_FILE, readSeedFile } from './seed-users.ts';
import { loadSigningKeys } from './signing-keys.ts';
import type { TokenSettings } from './token-issuer.ts';
import type { PreTokenGenerationHandler, TriggerVersion } from './trigger-event.ts';
import { createUserStore, type UserStore } from './user-store.ts';

/** The local pool id. */
export const DEFAULT_USER_POOL_ID = 'us-east-1_localdev';
/** The local default app client id: public, `USER_PASSWORD_AUTH` and `REFRESH_TOKEN_AUTH`. */
export const DEFAULT_CLIENT_ID = 'localdevclient';
/** Cognito's default ID and access token lifetime: 60 minutes. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3_600;
/** Cognito's default refresh token lifetime: 30 days. */
export const DEFAULT_REFRESH_TOKEN_LIFETIME_SECONDS = 30 * 24 * 3_600;

interface CommonOptions {
  /** Default `us-east-1_localdev`. */
  readonly userPoolId?: string;
  /** The default public app client's id; default `localdevclient`. */
  readonly clientId?: string;
  /**
   * App clients besides the default one, added to those of the seed file's `clients` section
   * (an id defined twice is a configuration error).
   */
  readonly appClients?: readonly AppClientConfig[];
  /** Default: the pool id's prefix (`us-east-1`). */
  readonly region?: string;
  /**
   * The stack's flag: `true` sends the trigger the V2_0 event (Essentials plan; the access token
   * can carry email); `false` (default) sends V1_0 (Lite plan).
   */
  readonly accessTokenEmail?: boolean;
  /** Users and app clients; default `emulator/seed-users.json`. */
  readonly seedFile?: string;
  /** ID and access token lifetime; default 3600. */
  readonly tokenLifetimeSeconds?: number;
  /** Default 30 days. */
  readonly refreshTokenLifetimeSeconds?: number;
  /**
   * The trigger applied to every user token. Default: the project's real handler
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
export type UserPoolOptions = CommonOptions & ({ readonly dataDir: string; readonly inMemory?: false } | { readonly inMemory: true; readonly dataDir?: undefined });

/** The pool's core. */
export interface UserPool extends TokenSettings {
  /** `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`: the `iss` of every token. */
  readonly issuer: string;
  /** Where the JWKS is served: `/<userPoolId>/.well-known/jwks.json`. */
  readonly jwksPath: string;
  /** The default public client's id (`localdevclient`). */
  readonly defaultClientId: string;
  readonly clients: AppClients;
  readonly users: UserStore;
  readonly refreshTokens: RefreshTokenStore;
  readonly refreshTokenLifetimeSeconds: number;
  readonly onInternalError: (error: unknown) => void;
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
 * Creates the pool's core: loads or creates its keys, hashes its users' passwords and its
 * clients' secrets, opens its refresh token store.
 *
 * @throws {CognitoConfigurationError} for a bad pool id, lifetime, seed file, client or data file.
 * @example
 * const pool = await createUserPool({ inMemory: true });
 * pool.clients.find('localdevclient')?.hasSecret; // false
 */
export async function createUserPool(options: UserPoolOptions): Promise<UserPool> {
  const userPoolId = options.userPoolId ?? DEFAULT_USER_POOL_ID;
  // Validates the pool id even when the region is given explicitly.
  const poolRegion = regionOf(userPoolId);
  const region = options.region ?? poolRegion;
  const defaultClientId = options.clientId ?? DEFAULT_CLIENT_ID;
  if (defaultClientId === '') throw new CognitoConfigurationError('clientId must not be empty.');
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

  const seed = readSeedFile(options.seedFile ?? DEFAULT_SEED_FILE);
  const defaultClient: AppClientConfig = { clientId: defaultClientId, explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] };
  const [signingKeys, users, clients] = await Promise.all([
    loadSigningKeys(file('keys.json')),
    createUserStore(seed.users, file('users.json')),
    createAppClients([defaultClient, ...seed.clients, ...(options.appClients ?? [])]),
  ]);
  return {
    userPoolId,
    region,
    issuer: `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`,
    jwksPath: `/${userPoolId}/.well-known/jwks.json`,
    defaultClientId,
    triggerVersion,
    preTokenGeneration,
    tokenLifetimeSeconds,
    refreshTokenLifetimeSeconds,
    signingKeys,
    clients,
    users,
    refreshTokens: createRefreshTokenStore(file('refresh-tokens.json'), now),
    now,
    onInternalError: options.onInternalError ?? ((error) => console.error('[cognito] internal error', error)),
  };
}
