/**
 * A bounded in-memory cache of positive decisions, for a container that sees the same token
 * again within the TTL (AppSync caches each decision for the same TTL, so it calls the function
 * again for a token within it only on concurrent first requests or from another of its hosts).
 * Most lookups miss, so a miss must cost next to nothing:
 *
 * - A token is admitted the second time it is decided, not the first: a decision kept in memory
 *   is copied by the garbage collector twice and then marked at every major collection (2–4 µs
 *   of CPU per decision in a full cache, up to an eighth of one), which only a token seen again
 *   repays. The first time, only a 30-bit mark of its signature is remembered, in a fixed ring.
 * - Looked up by the first characters of the token's signature: hashing 43 characters costs a
 *   fraction of hashing the whole 1–4 KB token, and two valid signatures never share them.
 * - A hit counts only when the whole stored token equals the presented one, so a token whose
 *   payload was tampered with but whose signature was kept misses and is verified (and refused).
 * - Entries live in preallocated ring arrays, oldest evicted first: an insertion allocates no
 *   entry object and an eviction scans nothing (a `Map`'s first key, after many deletions, is
 *   found by skipping every deleted slot before it: microseconds per eviction once full).
 * - Memory is bounded twice: at most `maxEntries` entries, and at most `maxTokenChars`
 *   characters of stored tokens, whatever their length.
 *
 * An entry never outlives the token (`exp`) nor the configured TTL.
 */

/** Options of {@link createDecisionCache}. */
export interface DecisionCacheOptions {
  /** Most entries kept; the oldest is evicted first. 0 disables the cache. */
  readonly maxEntries: number;
  /** Most characters of tokens kept, all entries together; the oldest are evicted first. */
  readonly maxTokenChars?: number;
  /** The configured TTL in seconds; 0 disables the cache. */
  readonly ttlSeconds: number;
  /** The clock, in milliseconds. */
  readonly now: () => number;
}

/** A decision cache. */
export interface DecisionCache<T> {
  /** The cached value for exactly this token, if it has not expired. */
  get(token: string): T | undefined;
  /**
   * Caches `value` for `token` until `min(exp, now + TTL)`, `exp` in seconds, if `token` was set
   * before (within the last `maxEntries` first sightings); the first time, only notes it.
   */
  set(token: string, value: T, exp: number): void;
  readonly size: number;
}

/**
 * Default bound on entries. A busy container sees more distinct tokens than this within a TTL;
 * the bench's unique-token pool is larger, so that eviction is always part of what it measures.
 */
export const DEFAULT_DECISION_CACHE_ENTRIES = 5_000;

/** Default bound on stored token characters (one byte each: tokens are ASCII): 8 MiB. */
export const DEFAULT_DECISION_CACHE_TOKEN_CHARS = 8 * 1024 * 1024;

/** Characters of the signature that key an entry: 43 base64url characters are 256 bits. */
const KEY_LENGTH = 43;

/** The lookup key of a token: the start of its signature (the part after the last dot). */
function keyOf(token: string): string {
  const start = token.lastIndexOf('.') + 1;
  return token.slice(start, start + KEY_LENGTH);
}

/** Characters of the signature behind a first sighting's mark. */
const MARK_LENGTH = 8;

/** A small integer for a token, from the start of its signature; equal marks only cost a verification. */
function markOf(token: string): number {
  const start = token.lastIndexOf('.') + 1;
  const end = Math.min(token.length, start + MARK_LENGTH);
  let mark = 0;
  for (let index = start; index < end; index += 1) mark = (Math.imul(mark, 31) + token.charCodeAt(index)) | 0;
  // 30 bits: a small integer, stored in a Set and an Int32Array without allocating.
  return mark & 0x3fffffff;
}

const DISABLED: DecisionCache<never> = Object.freeze({ get: () => undefined, set: () => undefined, size: 0 });

/**
 * Creates a decision cache.
 *
 * @example
 * const cache = createDecisionCache<Grant>({ maxEntries: 5000, ttlSeconds: 300, now: Date.now });
 * cache.set(token, grant, claims.exp); // first sighting: noted only
 * cache.get(token); // undefined
 * cache.set(token, grant, claims.exp); // second: kept
 * cache.get(token); // grant, until min(exp, now + 300 s)
 */
export function createDecisionCache<T>(options: DecisionCacheOptions): DecisionCache<T> {
  const { ttlSeconds, now } = options;
  const capacity = Math.max(0, Math.floor(options.maxEntries));
  const maxTokenChars = options.maxTokenChars ?? DEFAULT_DECISION_CACHE_TOKEN_CHARS;
  if (capacity === 0 || !(ttlSeconds > 0) || !(maxTokenChars > 0)) return DISABLED;
  const ttlMs = ttlSeconds * 1000;

  const slotOf = new Map<string, number>();
  // Slot `i` holds one entry, or nothing (`keys[i] === undefined`) once evicted or expired.
  const keys: (string | undefined)[] = new Array<string | undefined>(capacity).fill(undefined);
  const tokens: (string | undefined)[] = new Array<string | undefined>(capacity).fill(undefined);
  const values: (T | undefined)[] = new Array<T | undefined>(capacity).fill(undefined);
  const expiresAtMs = new Float64Array(capacity);
  // The ring: `length` slots from `head` (the oldest) on; the next insertion goes after them.
  let head = 0;
  let length = 0;
  let storedChars = 0;
  // Marks of tokens decided once: the last `capacity` of them, oldest overwritten first.
  const seen = new Set<number>();
  const seenRing = new Int32Array(capacity).fill(-1);
  let seenNext = 0;

  /** Remembers a first sighting; true when the token had been seen already. */
  function seenBefore(token: string): boolean {
    const mark = markOf(token);
    if (seen.has(mark)) return true;
    const forgotten = seenRing[seenNext] as number;
    if (forgotten !== -1) seen.delete(forgotten);
    seenRing[seenNext] = mark;
    seen.add(mark);
    seenNext = seenNext + 1 === capacity ? 0 : seenNext + 1;
    return false;
  }

  function clear(slot: number): void {
    const key = keys[slot];
    if (key === undefined) return;
    slotOf.delete(key);
    storedChars -= (tokens[slot] as string).length;
    keys[slot] = undefined;
    tokens[slot] = undefined;
    values[slot] = undefined;
  }

  function evictOldest(): void {
    clear(head);
    head = head + 1 === capacity ? 0 : head + 1;
    length -= 1;
  }

  return {
    get(token) {
      const slot = slotOf.get(keyOf(token));
      if (slot === undefined || tokens[slot] !== token) return undefined;
      if (now() >= (expiresAtMs[slot] as number)) {
        clear(slot);
        return undefined;
      }
      return values[slot];
    },
    set(token, value, exp) {
      const nowMs = now();
      const expiresAt = Math.min(exp * 1000, nowMs + ttlMs);
      if (!(expiresAt > nowMs) || token.length > maxTokenChars) return;
      const key = keyOf(token);
      let slot = slotOf.get(key);
      if (slot === undefined) {
        if (!seenBefore(token)) return;
        if (length === capacity) evictOldest();
        slot = head + length < capacity ? head + length : head + length - capacity;
        length += 1;
        keys[slot] = key;
        slotOf.set(key, slot);
      } else {
        // Two valid tokens never share a signature; this is the same token decided twice.
        storedChars -= (tokens[slot] as string).length;
      }
      tokens[slot] = token;
      values[slot] = value;
      expiresAtMs[slot] = expiresAt;
      storedChars += token.length;
      while (storedChars > maxTokenChars) evictOldest();
    },
    get size() {
      return slotOf.size;
    },
  };
}
