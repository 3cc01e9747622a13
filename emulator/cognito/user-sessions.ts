/**
 * The user flows of the pool's core, whatever the front end: password sign-in, refresh, and the
 * proof a client with a secret must add. Each checks that the client allows the flow, so no front
 * end can skip it. Failures are Cognito's (`CognitoServiceError`).
 */
import { randomUUID } from 'node:crypto';
import type { AppClient, ExplicitAuthFlow } from './app-client.ts';
import { CognitoServiceError, INCORRECT_CREDENTIALS_MESSAGE } from './errors.ts';
import { issueUserTokens, type IssuedTokens } from './token-issuer.ts';
import type { UserPool } from './user-pool.ts';
import type { PoolUser } from './user-store.ts';

/**
 * How a client with a secret proves it: Cognito's `SECRET_HASH` (InitiateAuth's
 * `AuthParameters`) or the secret itself (`ClientSecret` of GetTokensFromRefreshToken and
 * RevokeToken). `null` members: not sent. Ignored for public clients, as Cognito does.
 */
export interface ClientProof {
  readonly secretHash?: string | null;
  readonly clientSecret?: string | null;
}

/** A signed-in user's tokens, with the refresh token of the new session. */
export interface UserSignIn extends IssuedTokens {
  readonly refreshToken: string;
  readonly user: PoolUser;
}

function seconds(pool: UserPool): number {
  return Math.floor(pool.now() / 1000);
}

function requireFlow(client: AppClient, flow: ExplicitAuthFlow): void {
  if (!client.explicitAuthFlows.includes(flow)) {
    throw new CognitoServiceError('InvalidParameterException', `${flow.replace(/^ALLOW_/, '')} flow not enabled for this client`);
  }
}

/**
 * Checks the proof of a client with a secret; `username` is what its `SECRET_HASH` covers.
 *
 * @throws {CognitoServiceError} `NotAuthorizedException` when the proof is missing or wrong.
 * @example
 * await proveClient(pool, client, { secretHash: parameters.SECRET_HASH ?? null }, 'agent@example.com');
 */
export async function proveClient(pool: UserPool, client: AppClient, proof: ClientProof, username: string): Promise<void> {
  if (!client.hasSecret) return;
  if (typeof proof.clientSecret === 'string') {
    if (!(await pool.clients.verifySecret(client.clientId, proof.clientSecret))) throw new CognitoServiceError('NotAuthorizedException', `Unable to verify secret for client ${client.clientId}`);
    return;
  }
  if (typeof proof.secretHash !== 'string') {
    const expected = 'clientSecret' in proof ? 'ClientSecret' : 'SECRET_HASH';
    throw new CognitoServiceError('NotAuthorizedException', `Client ${client.clientId} is configured with secret but ${expected} was not received`);
  }
  if (!pool.clients.verifySecretHash(client, username, proof.secretHash)) throw new CognitoServiceError('NotAuthorizedException', `Unable to verify secret hash for client ${client.clientId}`);
}

/**
 * Signs a user in with email (or username) and password through `client`, as
 * `USER_PASSWORD_AUTH` does: tokens and a new session's refresh token.
 *
 * @throws {CognitoServiceError} a flow the client does not allow, a missing or wrong client proof,
 * wrong credentials (`Incorrect username or password.`, the same for an unknown user), a failing trigger.
 * @example
 * const { idToken, refreshToken } = await signInWithPassword(pool, { client, username: 'agent@example.com', password: 'Passw0rd!' });
 */
export async function signInWithPassword(
  pool: UserPool,
  request: { readonly client: AppClient; readonly username: string; readonly password: string; readonly proof?: ClientProof },
): Promise<UserSignIn> {
  const { client } = request;
  requireFlow(client, 'ALLOW_USER_PASSWORD_AUTH');
  await proveClient(pool, client, request.proof ?? {}, request.username);
  const user = await pool.users.authenticate(request.username, request.password);
  if (user === null) throw new CognitoServiceError('NotAuthorizedException', INCORRECT_CREDENTIALS_MESSAGE);
  const authTime = seconds(pool);
  const session = { originJti: randomUUID(), authTime };
  const tokens = await issueUserTokens(pool, { client, user, triggerSource: 'TokenGeneration_Authentication', session });
  const refreshToken = pool.refreshTokens.issue({
    sub: user.sub,
    clientId: client.clientId,
    originJti: session.originJti,
    authTime,
    expiresAt: authTime + pool.refreshTokenLifetimeSeconds,
  });
  return { ...tokens, refreshToken, user };
}

/**
 * New ID and access tokens for a refresh token of `client`'s sessions; no new refresh token (no
 * rotation). A client with a secret proves it with `SECRET_HASH` over the user's username.
 *
 * @throws {CognitoServiceError} a flow the client does not allow, `Invalid Refresh Token`, a
 * missing or wrong client proof, a failing trigger.
 * @example
 * const { idToken } = await refreshSession(pool, { client, refreshToken });
 */
export async function refreshSession(
  pool: UserPool,
  request: { readonly client: AppClient; readonly refreshToken: string; readonly proof?: ClientProof; readonly clientMetadata?: Record<string, string> | undefined },
): Promise<IssuedTokens> {
  const { client } = request;
  requireFlow(client, 'ALLOW_REFRESH_TOKEN_AUTH');
  const session = pool.refreshTokens.find(request.refreshToken, seconds(pool));
  const user = session === undefined || session.clientId !== client.clientId ? undefined : pool.users.findBySub(session.sub);
  if (session === undefined || user === undefined) throw new CognitoServiceError('NotAuthorizedException', 'Invalid Refresh Token');
  await proveClient(pool, client, request.proof ?? {}, user.username);
  return issueUserTokens(pool, {
    client,
    user,
    triggerSource: 'TokenGeneration_RefreshTokens',
    session: { originJti: session.originJti, authTime: session.authTime },
    clientMetadata: request.clientMetadata,
  });
}
