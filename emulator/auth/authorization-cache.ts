/**
 * AppSync's cache of authorizer answers: keyed by the token alone (one API per emulator), kept
 * for the answer's `ttlOverride` or else the API's TTL, never when that is 0, and never for
 * answers of 1 MiB or more. Concurrent first requests with one token share one invocation.
 * Bounded, so a flood of distinct tokens cannot grow it without limit.
 */
import type { AuthorizerDecision } from './authorizer-answer.ts';

/** Options of {@link createAuthorizationCache}. */
export interface AuthorizationCacheOptions {
  /** `authorizerResultTtlInSeconds` of the API. */
  readonly ttlSeconds: number;
  /** Clock in milliseconds. */
  readonly now: () => number;
  /** Most answers kept; the oldest go first. */
  readonly maxEntries?: number;
}

/** The cache. */
export interface AuthorizationCache {
  /** The cached decision for `token`, or the one `invoke` gives (then cached per its TTL). */
  decide(token: string, invoke: () => Promise<{ decision: AuthorizerDecision; size: number }>): Promise<AuthorizerDecision>;
  /** Forgets every answer (after the authorizer is rebuilt). */
  clear(): void;
}

const ONE_MIB = 1024 * 1024;

/**
 * @example
 * const cache = createAuthorizationCache({ ttlSeconds: 300, now: Date.now });
 * const decision = await cache.decide(token, () => invokeAuthorizer(token));
 */
export function createAuthorizationCache(options: AuthorizationCacheOptions): AuthorizationCache {
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, { decision: AuthorizerDecision; expiresAt: number }>();
  const inFlight = new Map<string, Promise<AuthorizerDecision>>();

  function remember(token: string, decision: AuthorizerDecision, size: number): void {
    const ttl = decision.ttlOverride ?? options.ttlSeconds;
    if (ttl <= 0 || size >= ONE_MIB) return;
    entries.delete(token);
    entries.set(token, { decision, expiresAt: options.now() + ttl * 1000 });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done === true) break;
      entries.delete(oldest.value);
    }
  }

  return {
    decide(token, invoke) {
      const cached = entries.get(token);
      if (cached !== undefined) {
        if (options.now() < cached.expiresAt) return Promise.resolve(cached.decision);
        entries.delete(token);
      }
      const pending = inFlight.get(token);
      if (pending !== undefined) return pending;
      const started = invoke()
        .then(({ decision, size }) => {
          remember(token, decision, size);
          return decision;
        })
        .finally(() => inFlight.delete(token));
      inFlight.set(token, started);
      return started;
    },
    clear() {
      entries.clear();
    },
  };
}
