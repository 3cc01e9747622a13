/**
 * A bounded in-memory cache of positive decisions, for a container that sees the same token
 * again (AppSync's own cache misses on every new container and every TTL expiry).
 *
 * Keyed by the whole token string, never by a part of it: a token whose payload was tampered
 * with but whose signature was kept must miss and be verified. An entry never outlives the
 * token (`exp`) nor the configured TTL.
 */

/** Options of {@link createDecisionCache}. */
export interface DecisionCacheOptions {
  /** Most entries kept; the oldest is evicted first. */
  readonly maxEntries: number;
  /** The configured TTL in seconds; 0 disables the cache. */
  readonly ttlSeconds: number;
  /** The clock, in milliseconds. */
  readonly now: () => number;
}

/** A decision cache. */
export interface DecisionCache<T> {
  /** The cached value for exactly this token, if it has not expired. */
  get(token: string): T | undefined;
  /** Caches `value` for `token` until `min(exp, now + TTL)`; `exp` in seconds. */
  set(token: string, value: T, exp: number): void;
  readonly size: number;
}

/** Default bound: a few thousand tokens of 1–4 KB stay well under the smallest Lambda's memory. */
export const DEFAULT_DECISION_CACHE_ENTRIES = 5_000;

/**
 * Creates a decision cache.
 *
 * @example
 * const cache = createDecisionCache<AuthorizerAnswer>({ maxEntries: 5000, ttlSeconds: 300, now: Date.now });
 */
export function createDecisionCache<T>(options: DecisionCacheOptions): DecisionCache<T> {
  const { maxEntries, ttlSeconds, now } = options;
  // A Map iterates in insertion order, so its first key is the oldest entry.
  const entries = new Map<string, { value: T; expiresAtMs: number }>();
  return {
    get(token) {
      const entry = entries.get(token);
      if (entry === undefined) return undefined;
      if (now() >= entry.expiresAtMs) {
        entries.delete(token);
        return undefined;
      }
      return entry.value;
    },
    set(token, value, exp) {
      const expiresAtMs = Math.min(exp * 1000, now() + ttlSeconds * 1000);
      if (!(expiresAtMs > now()) || maxEntries <= 0) return;
      entries.delete(token);
      entries.set(token, { value, expiresAtMs });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    get size() {
      return entries.size;
    },
  };
}
