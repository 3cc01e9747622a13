/**
 * Checks an access token as Cognito's user API (`GetUser`, `GlobalSignOut`) does: the pool's own
 * access token key, issuer, expiry, an unrevoked session, and the
 * `aws.cognito.signin.user.admin` scope (which client credentials tokens never carry).
 */
import { CognitoServiceError } from './errors.ts';
import { decodeJwt, hasValidSignature } from './jwt.ts';
import { USER_ADMIN_SCOPE } from './trigger-event.ts';
import type { UserPool } from './user-pool.ts';
import type { PoolUser } from './user-store.ts';

/**
 * The user an access token belongs to.
 *
 * @throws {CognitoServiceError} `NotAuthorizedException` (invalid, expired, revoked, missing
 * scope) or `UserNotFoundException`.
 * @example
 * const user = authenticateAccessToken(pool, body.AccessToken);
 */
export function authenticateAccessToken(pool: UserPool, token: string): PoolUser {
  const nowSeconds = Math.floor(pool.now() / 1000);
  const decoded = decodeJwt(token);
  const match = decoded === null || typeof decoded.header.kid !== 'string' ? undefined : pool.signingKeys.byKid(decoded.header.kid);
  const payload = decoded?.payload;
  const valid =
    decoded !== null &&
    match?.use === 'access' &&
    hasValidSignature(decoded, match.key) &&
    payload?.token_use === 'access' &&
    payload.iss === pool.issuer &&
    typeof payload.sub === 'string' &&
    typeof payload.exp === 'number';
  if (!valid || payload === undefined) throw new CognitoServiceError('NotAuthorizedException', 'Invalid Access Token');
  if ((payload.exp as number) <= nowSeconds) throw new CognitoServiceError('NotAuthorizedException', 'Access Token has expired');
  if (typeof payload.origin_jti === 'string' && pool.refreshTokens.isRevoked(payload.origin_jti, nowSeconds)) {
    throw new CognitoServiceError('NotAuthorizedException', 'Access Token has been revoked');
  }
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  if (!scopes.includes(USER_ADMIN_SCOPE)) throw new CognitoServiceError('NotAuthorizedException', 'Access Token does not have required scopes');
  const user = pool.users.findBySub(payload.sub as string);
  if (user === undefined) throw new CognitoServiceError('UserNotFoundException', 'User does not exist.');
  return user;
}
