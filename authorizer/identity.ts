/**
 * One identity from either Cognito token.
 */
import type { Identity } from '../policy/index.ts';
import { IncompleteIdentityError } from './errors.ts';

/** The claims this project reads; aws-jwt-verify has already checked their provenance. */
export interface CognitoClaims {
  readonly sub?: unknown;
  readonly token_use?: unknown;
  readonly username?: unknown;
  readonly 'cognito:username'?: unknown;
  readonly 'cognito:groups'?: unknown;
  readonly email?: unknown;
  readonly email_verified?: unknown;
}

/**
 * Normalizes verified claims. The ID token names the user `cognito:username`, the access token
 * `username`; only ID tokens carry `email` unless the V2 trigger added it to the access token.
 * `email_verified` counts only as the boolean `true` Cognito writes.
 *
 * @throws {IncompleteIdentityError} when `sub` or the user name is missing: such a token was
 *   not minted by Cognito for a user, whatever its signature says.
 * @example
 * identityFromClaims(await verifier.verify(token)).tokenUse; // 'id' or 'access'
 */
export function identityFromClaims(claims: CognitoClaims): Identity {
  const tokenUse = claims.token_use === 'id' ? 'id' : 'access';
  const username = tokenUse === 'id' ? claims['cognito:username'] : claims.username;
  const groups = Array.isArray(claims['cognito:groups'])
    ? claims['cognito:groups'].filter((group): group is string => typeof group === 'string')
    : [];
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new IncompleteIdentityError('sub');
  if (typeof username !== 'string' || username === '') {
    throw new IncompleteIdentityError(tokenUse === 'id' ? 'cognito:username' : 'username');
  }
  const email = typeof claims.email === 'string' && claims.email !== '' ? claims.email : null;
  return {
    sub: claims.sub,
    username,
    email,
    emailVerified: email !== null && claims.email_verified === true,
    groups,
    tokenUse,
  };
}
