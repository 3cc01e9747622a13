/**
 * One identity from any token the API accepts: a user's ID or access token, or a machine's
 * client-credentials access token.
 */
import type { Identity } from '../policy/index.ts';
import { IncompleteIdentityError, MachineTokenError } from './errors.ts';

/**
 * The claims this project reads, as they arrive from a verified token: aws-jwt-verify has
 * checked signature, issuer, expiry, `token_use` and the client, not the claims' types.
 * A user's tokens name the user (`cognito:username` in the ID token, `username` in the access
 * token); a machine's token names no user at all (see {@link MachineAccessTokenClaims}).
 */
export interface CognitoClaims {
  readonly sub?: unknown;
  readonly token_use?: unknown;
  /** The app client of an ID token. */
  readonly aud?: unknown;
  /** The app client of an access token. */
  readonly client_id?: unknown;
  /** Space-separated OAuth scopes; access tokens only. */
  readonly scope?: unknown;
  readonly username?: unknown;
  readonly 'cognito:username'?: unknown;
  readonly 'cognito:groups'?: unknown;
  readonly email?: unknown;
  readonly email_verified?: unknown;
}

/**
 * What Cognito puts in a client-credentials (machine-to-machine) access token: no `username`,
 * no `cognito:groups`, no `email`, no `origin_jti` or `event_id`; `sub` is the client id.
 * Unlike aws-jwt-verify's `CognitoAccessTokenPayload`, it does not pretend a username exists.
 */
export interface MachineAccessTokenClaims {
  readonly token_use: 'access';
  readonly sub: string;
  readonly client_id: string;
  readonly scope: string;
  readonly iss: string;
  readonly exp: number;
  readonly iat: number;
  readonly auth_time: number;
  readonly jti: string;
  readonly version: number;
}

/** The app clients whose tokens stand for machines: the client-credentials clients. */
export type MachineClientIds = ReadonlySet<string>;

/**
 * Normalizes verified claims. A token of one of `machineClientIds` is a machine's: it must be
 * an access token naming no user; its `username` is its client id and its grants are its
 * scopes alone. Any other token is a user's: the ID token names the user `cognito:username`,
 * the access token `username`; only ID tokens carry `email` unless the V2 trigger added it to
 * the access token. `email_verified` counts only as the boolean `true` Cognito writes.
 *
 * @throws {IncompleteIdentityError} when `sub`, the client or (for a user) the user name is
 *   missing: such a token was not minted by Cognito, whatever its signature says.
 * @throws {MachineTokenError} when a machine client's token is an ID token or names a user.
 * @example
 * identityFromClaims(await verifier.verify(token), new Set(['reportingclient'])).kind; // 'USER' or 'MACHINE'
 */
export function identityFromClaims(claims: CognitoClaims, machineClientIds: MachineClientIds): Identity {
  const tokenUse = claims.token_use === 'id' ? 'id' : 'access';
  const clientId = tokenUse === 'id' ? claims.aud : claims.client_id;
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new IncompleteIdentityError('sub');
  if (typeof clientId !== 'string' || clientId === '') throw new IncompleteIdentityError(tokenUse === 'id' ? 'aud' : 'client_id');
  const scopes = tokenUse === 'access' ? scopesOf(claims.scope) : [];

  if (machineClientIds.has(clientId)) {
    // A client-credentials client signs no user in: any other token of it is not what it seems.
    if (tokenUse !== 'access') throw new MachineTokenError('is an ID token');
    if (claims.username !== undefined || claims['cognito:username'] !== undefined) throw new MachineTokenError('names a user');
    return { kind: 'MACHINE', sub: claims.sub, username: clientId, clientId, email: null, emailVerified: false, groups: [], scopes, tokenUse };
  }

  const username = tokenUse === 'id' ? claims['cognito:username'] : claims.username;
  if (typeof username !== 'string' || username === '') {
    throw new IncompleteIdentityError(tokenUse === 'id' ? 'cognito:username' : 'username');
  }
  const groups = Array.isArray(claims['cognito:groups'])
    ? claims['cognito:groups'].filter((group): group is string => typeof group === 'string')
    : [];
  const email = typeof claims.email === 'string' && claims.email !== '' ? claims.email : null;
  return {
    kind: 'USER',
    sub: claims.sub,
    username,
    clientId,
    email,
    emailVerified: email !== null && claims.email_verified === true,
    groups,
    scopes,
    tokenUse,
  };
}

function scopesOf(scope: unknown): string[] {
  return typeof scope === 'string' ? scope.split(' ').filter((value) => value !== '') : [];
}
