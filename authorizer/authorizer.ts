/**
 * The AppSync Lambda authorizer: one verified token in, one cacheable decision out.
 */
import type { AppSyncAuthorizerEvent } from 'aws-lambda';
import { createDecisionCache, DEFAULT_DECISION_CACHE_ENTRIES } from './decision-cache.ts';
import { JwksNotAvailableInCacheError, JwksValidationError, KidNotFoundInJwksError, WaitPeriodNotYetEndedJwkError } from 'aws-jwt-verify/error';
import { deniedFields, toResolverContext, type ResolverContext } from '../policy/index.ts';
import { JwksFetchError } from './errors.ts';
import { identityFromClaims, type CognitoClaims, type MachineClientIds } from './identity.ts';
import type { Logger } from './logger.ts';
import { extractToken, tokenFingerprint } from './token.ts';

/** The answer AppSync expects from a Lambda authorizer. */
export interface AuthorizerAnswer {
  readonly isAuthorized: boolean;
  /** Reaches resolvers as `ctx.identity.resolverContext`; flat strings, never empty. */
  readonly resolverContext?: ResolverContext;
  /** `Type.field` coordinates this caller may not use; AppSync nulls them with an error. */
  readonly deniedFields?: readonly string[];
  /** Seconds AppSync may replay this answer for the same token; 0 forbids caching. */
  readonly ttlOverride?: number;
}

/** Claims of a verified token. */
export type VerifiedClaims = CognitoClaims & { readonly exp?: unknown };

/** What the authorizer needs of a verifier: aws-jwt-verify's `verify`, and `verifySync` if it has one. */
export interface TokenVerifier {
  verify(token: string): Promise<VerifiedClaims>;
  /**
   * Verifies with the keys already in memory. Throws `JwksNotAvailableInCacheError` or
   * `KidNotFoundInJwksError` when those cannot decide; `verify` (which may fetch) then does.
   */
  verifySync?(token: string): VerifiedClaims;
}

/** Options of {@link createAuthorizer}. */
export interface AuthorizerOptions {
  readonly verifier: TokenVerifier;
  /** The configured `MACHINE_CLIENT_IDS`: tokens of these clients stand for machines. */
  readonly machineClientIds: readonly string[];
  /** The configured `AUTH_TTL_SECONDS`. */
  readonly ttlSeconds: number;
  readonly logger: Logger;
  /** The clock, in milliseconds. */
  readonly now?: () => number;
  /** Most positive decisions kept in memory for repeated tokens; 0 disables the cache. */
  readonly cacheEntries?: number;
}

/** AppSync's event; `requestHeaders` holds the raw token too, so it is never logged. */
export type AuthorizerEvent = Partial<AppSyncAuthorizerEvent>;

/** What a verified token grants, cached per token. */
interface Grant {
  readonly resolverContext: ResolverContext;
  readonly deniedFields: readonly string[];
  /** The token's `exp`, in seconds. */
  readonly exp: number;
}

const REFUSED: AuthorizerAnswer = Object.freeze({ isAuthorized: false });
// A refusal caused by the identity provider, not the token, must not be replayed by AppSync's
// cache once the keys are back.
const REFUSED_FOR_NOW: AuthorizerAnswer = Object.freeze({ isAuthorized: false, ttlOverride: 0 });
const TRANSIENT_ERRORS = [JwksFetchError, JwksNotAvailableInCacheError, JwksValidationError, WaitPeriodNotYetEndedJwkError];

/**
 * Verifies `token` synchronously while the keys it needs are in memory, which is every request
 * but the first few after a key rotation or a key-set expiry: aws-jwt-verify's asynchronous
 * path does the same checks in the same order with four more promise hops (3–4 µs, about a
 * tenth of a decision). Only the two errors that mean "these keys cannot decide" fall back to
 * `verify`, which fetches; every other error is the same one `verify` would throw.
 */
function verifyWithKeysAtHand(verifier: TokenVerifier, token: string): VerifiedClaims | Promise<VerifiedClaims> {
  if (verifier.verifySync === undefined) return verifier.verify(token);
  try {
    return verifier.verifySync(token);
  } catch (error) {
    if (error instanceof JwksNotAvailableInCacheError || error instanceof KidNotFoundInJwksError) return verifier.verify(token);
    throw error;
  }
}

/**
 * Seconds AppSync may cache a decision: the configured TTL, cut to the token's remaining
 * lifetime so that no cached decision outlives its token. Never negative.
 */
export function decisionTtl(ttlSeconds: number, exp: unknown, nowMs: number): number {
  const remaining = typeof exp === 'number' && Number.isFinite(exp) ? Math.floor(exp - nowMs / 1000) : 0;
  return Math.max(0, Math.min(ttlSeconds, remaining));
}

/**
 * Creates the handler. It fails closed and never throws: every error becomes a refusal, logged
 * with the error's class and the token's fingerprint, never the token.
 *
 * @example
 * export const handler = createAuthorizer({ verifier, machineClientIds: [], ttlSeconds: 300, logger });
 */
export function createAuthorizer(options: AuthorizerOptions): (event: AuthorizerEvent) => Promise<AuthorizerAnswer> {
  const { verifier, ttlSeconds, logger } = options;
  const machineClientIds: MachineClientIds = new Set(options.machineClientIds);
  const now = options.now ?? Date.now;
  const cache = createDecisionCache<Grant>({
    maxEntries: options.cacheEntries ?? DEFAULT_DECISION_CACHE_ENTRIES,
    ttlSeconds,
    now,
  });
  return async function authorize(event) {
    let token: string | null = null;
    try {
      token = extractToken(event?.authorizationToken);
      let grant = cache.get(token);
      if (grant === undefined) {
        const verified = verifyWithKeysAtHand(verifier, token);
        // Awaiting a value that is not a promise still costs a trip through the microtask queue.
        const claims = verified instanceof Promise ? await verified : verified;
        const identity = identityFromClaims(claims, machineClientIds);
        grant = { resolverContext: toResolverContext(identity), deniedFields: deniedFields(identity), exp: Number(claims.exp) };
        cache.set(token, grant, grant.exp);
      }
      return {
        isAuthorized: true,
        resolverContext: grant.resolverContext,
        deniedFields: grant.deniedFields,
        // Recomputed on every answer, so a cached grant's TTL shrinks with the token's lifetime.
        ttlOverride: decisionTtl(ttlSeconds, grant.exp, now()),
      };
    } catch (error) {
      logger.warn('Token refused', {
        errorClass: error instanceof Error ? error.constructor.name : typeof error,
        tokenFingerprint: token === null ? null : tokenFingerprint(token),
      });
      return TRANSIENT_ERRORS.some((type) => error instanceof type) ? REFUSED_FOR_NOW : REFUSED;
    }
  };
}
