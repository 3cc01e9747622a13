/**
 * Issues the ID and access tokens of one sign-in or refresh: Cognito's claims in Cognito's
 * order, the pre-token-generation trigger applied, each token signed with its own key.
 */
import { randomUUID } from 'node:crypto';
import { signJwt } from './jwt.ts';
import type { SigningKeys } from './signing-keys.ts';
import { buildTriggerEvent, invokeTrigger, USER_ADMIN_SCOPE, type PreTokenGenerationHandler, type TriggerSource, type TriggerVersion } from './trigger-event.ts';
import { applyClaimChanges, applyScopeChanges, PROTECTED_ACCESS_TOKEN_CLAIMS, PROTECTED_ID_TOKEN_CLAIMS, readTokenOverrides, type TokenOverrides } from './trigger-response.ts';
import type { PoolUser } from './user-store.ts';

/** The pool settings the issuer needs. */
export interface TokenIssuerOptions {
  readonly issuer: string;
  readonly region: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly keys: SigningKeys;
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

/** Issues token pairs. */
export interface TokenIssuer {
  issue(input: { user: PoolUser; triggerSource: TriggerSource; session: TokenSession; clientMetadata?: Record<string, string> | undefined }): Promise<IssuedTokens>;
}

const NO_OVERRIDES: TokenOverrides = {
  idToken: { addOrOverride: {}, suppress: [] },
  accessToken: { addOrOverride: {}, suppress: [], scopesToAdd: [], scopesToSuppress: [] },
  groups: undefined,
};

/**
 * Creates the token issuer of a pool.
 *
 * @example
 * const issuer = createTokenIssuer({ issuer, region, userPoolId, clientId, keys, tokenLifetimeSeconds: 3600, triggerVersion: '1', preTokenGeneration: handler, now: Date.now });
 * const { idToken, accessToken } = await issuer.issue({ user, triggerSource: 'TokenGeneration_Authentication', session });
 */
export function createTokenIssuer(options: TokenIssuerOptions): TokenIssuer {
  return {
    async issue({ user, triggerSource, session, clientMetadata }) {
      let overrides = NO_OVERRIDES;
      if (options.preTokenGeneration !== null) {
        const event = buildTriggerEvent({
          version: options.triggerVersion,
          triggerSource,
          region: options.region,
          userPoolId: options.userPoolId,
          clientId: options.clientId,
          user,
          clientMetadata,
        });
        overrides = readTokenOverrides(await invokeTrigger(options.preTokenGeneration, event), options.triggerVersion);
      }
      const groups = overrides.groups?.groups ?? user.groups;
      const iamRoles = overrides.groups?.iamRoles ?? [];
      const preferredRole = overrides.groups?.preferredRole ?? null;

      const issuedAt = Math.floor(options.now() / 1000);
      const expiresAt = issuedAt + options.tokenLifetimeSeconds;
      // One authentication event: both tokens share `event_id` and `origin_jti`, each has its own `jti`.
      const eventId = randomUUID();

      const idClaims: Record<string, unknown> = { sub: user.sub };
      if (groups.length > 0) idClaims['cognito:groups'] = [...groups];
      if (preferredRole !== null) idClaims['cognito:preferred_role'] = preferredRole;
      if (iamRoles.length > 0) idClaims['cognito:roles'] = [...iamRoles];
      Object.assign(idClaims, {
        email_verified: user.emailVerified,
        iss: options.issuer,
        'cognito:username': user.username,
        origin_jti: session.originJti,
        aud: options.clientId,
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
        iss: options.issuer,
        client_id: options.clientId,
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
        idToken: signJwt(idClaims, options.keys.id),
        accessToken: signJwt(accessClaims, options.keys.access),
        expiresIn: options.tokenLifetimeSeconds,
      };
    },
  };
}
