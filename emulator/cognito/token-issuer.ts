/**
 * Issues the pool's tokens: a user's ID and access tokens (Cognito's claims in Cognito's order,
 * the pre-token-generation trigger applied, each token signed with its own key), or a machine
 * client's client credentials access token.
 */
import { randomUUID } from 'node:crypto';
import type { AppClient } from './app-client.ts';
import { signJwt } from './jwt.ts';
import type { SigningKeys } from './signing-keys.ts';
import { buildTriggerEvent, invokeTrigger, USER_ADMIN_SCOPE, type PreTokenGenerationHandler, type TriggerSource, type TriggerVersion } from './trigger-event.ts';
import { applyClaimChanges, applyScopeChanges, PROTECTED_ACCESS_TOKEN_CLAIMS, PROTECTED_ID_TOKEN_CLAIMS, readTokenOverrides, type TokenOverrides } from './trigger-response.ts';
import type { PoolUser } from './user-store.ts';

/** The pool settings tokens are issued with. */
export interface TokenSettings {
  readonly issuer: string;
  readonly region: string;
  readonly userPoolId: string;
  /** Read at every issue, so that a key rotation (see `emulator/faults/`) applies at once. */
  readonly signingKeys: SigningKeys;
  readonly tokenLifetimeSeconds: number;
  /** `'1'` (V1_0) or `'2'` (V2_0, the stack's `accessTokenEmail` flag). */
  readonly triggerVersion: TriggerVersion;
  /** `null`: no trigger configured. */
  readonly preTokenGeneration: PreTokenGenerationHandler | null;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
}

/** The session a token pair belongs to: fixed at sign-in, kept across refreshes. */
export interface TokenSession {
  readonly originJti: string;
  /** Seconds since the epoch. */
  readonly authTime: number;
}

/** One issued pair. */
export interface IssuedTokens {
  readonly idToken: string;
  readonly accessToken: string;
  /** Seconds until both expire. */
  readonly expiresIn: number;
}

/** What user tokens are issued for. */
export interface UserTokenRequest {
  readonly client: AppClient;
  readonly user: PoolUser;
  readonly triggerSource: TriggerSource;
  readonly session: TokenSession;
  readonly clientMetadata?: Record<string, string> | undefined;
}

/** A client credentials access token. */
export interface IssuedClientToken {
  readonly accessToken: string;
  /** Seconds. */
  readonly expiresIn: number;
}

const NO_OVERRIDES: TokenOverrides = {
  idToken: { addOrOverride: {}, suppress: [] },
  accessToken: { addOrOverride: {}, suppress: [], scopesToAdd: [], scopesToSuppress: [] },
  groups: undefined,
};

/**
 * Issues the ID and access tokens of a user's sign-in or refresh through `client`, with the
 * pre-token-generation trigger applied.
 *
 * @example
 * const { idToken, accessToken } = await issueUserTokens(pool, { client, user, triggerSource: 'TokenGeneration_Authentication', session });
 */
export async function issueUserTokens(settings: TokenSettings, { client, user, triggerSource, session, clientMetadata }: UserTokenRequest): Promise<IssuedTokens> {
  let overrides = NO_OVERRIDES;
  if (settings.preTokenGeneration !== null) {
    const event = buildTriggerEvent({
      version: settings.triggerVersion,
      triggerSource,
      region: settings.region,
      userPoolId: settings.userPoolId,
      clientId: client.clientId,
      user,
      clientMetadata,
    });
    overrides = readTokenOverrides(await invokeTrigger(settings.preTokenGeneration, event), settings.triggerVersion);
  }
  const groups = overrides.groups?.groups ?? user.groups;
  const iamRoles = overrides.groups?.iamRoles ?? [];
  const preferredRole = overrides.groups?.preferredRole ?? null;

  const issuedAt = Math.floor(settings.now() / 1000);
  const expiresAt = issuedAt + settings.tokenLifetimeSeconds;
  // One authentication event: both tokens share `event_id` and `origin_jti`, each has its own `jti`.
  const eventId = randomUUID();

  const idClaims: Record<string, unknown> = { sub: user.sub };
  if (groups.length > 0) idClaims['cognito:groups'] = [...groups];
  if (preferredRole !== null) idClaims['cognito:preferred_role'] = preferredRole;
  if (iamRoles.length > 0) idClaims['cognito:roles'] = [...iamRoles];
  Object.assign(idClaims, {
    email_verified: user.emailVerified,
    iss: settings.issuer,
    'cognito:username': user.username,
    origin_jti: session.originJti,
    aud: client.clientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: session.authTime,
    exp: expiresAt,
    iat: issuedAt,
    jti: randomUUID(),
    ...user.attributes,
    email: user.email,
  });
  applyClaimChanges(idClaims, overrides.idToken, PROTECTED_ID_TOKEN_CLAIMS);

  const accessClaims: Record<string, unknown> = { sub: user.sub };
  if (groups.length > 0) accessClaims['cognito:groups'] = [...groups];
  Object.assign(accessClaims, {
    iss: settings.issuer,
    client_id: client.clientId,
    origin_jti: session.originJti,
    event_id: eventId,
    token_use: 'access',
    scope: USER_ADMIN_SCOPE,
    auth_time: session.authTime,
    exp: expiresAt,
    iat: issuedAt,
    jti: randomUUID(),
    username: user.username,
  });
  applyClaimChanges(accessClaims, overrides.accessToken, PROTECTED_ACCESS_TOKEN_CLAIMS);
  const scope = applyScopeChanges(USER_ADMIN_SCOPE, overrides.accessToken.scopesToAdd, overrides.accessToken.scopesToSuppress);
  if (scope === undefined) delete accessClaims.scope;
  else accessClaims.scope = scope;

  return {
    idToken: signJwt(idClaims, settings.signingKeys.id),
    accessToken: signJwt(accessClaims, settings.signingKeys.access),
    expiresIn: settings.tokenLifetimeSeconds,
  };
}

/**
 * Issues a client credentials access token, as Cognito's `/oauth2/token` does for a machine
 * client: the client is its own subject, there is no user (no `username`, groups, email,
 * `origin_jti` or `event_id`) and no trigger (V1_0 and V2_0 events do not cover machine clients).
 * Signed with the access token key, claims in Cognito's order.
 *
 * @example
 * issueClientToken(pool, { client, scopes: ['helpdesk/tickets.read'] }).accessToken;
 */
export function issueClientToken(settings: TokenSettings, { client, scopes }: { readonly client: AppClient; readonly scopes: readonly string[] }): IssuedClientToken {
  const issuedAt = Math.floor(settings.now() / 1000);
  const claims = {
    sub: client.clientId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: issuedAt,
    iss: settings.issuer,
    exp: issuedAt + settings.tokenLifetimeSeconds,
    iat: issuedAt,
    version: 2,
    jti: randomUUID(),
    client_id: client.clientId,
  };
  return { accessToken: signJwt(claims, settings.signingKeys.access), expiresIn: settings.tokenLifetimeSeconds };
}
