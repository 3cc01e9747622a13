/**
 * What the emulator's JWKS host does when the in-process authorizer fetches the pool's keys:
 * answer normally, slowly (`delayMs`), with an HTTP error (`status`), and which keys the pool
 * signs with and publishes (key rotation). Tests switch these at will; `--jwks-fault` sets them
 * at start (see `parse-fault-spec.ts`).
 */
import { generateKeyPairSync, createHash, type KeyObject } from 'node:crypto';

/** A signing key of a rotation: its id and both halves. */
export interface RotatedKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** The keys a rotation introduced, one per token kind as Cognito has. */
export interface RotatedKeys {
  readonly id: RotatedKey;
  readonly access: RotatedKey;
}

/** How fetches of the pool's JWKS are answered. */
export interface JwksFetchBehavior {
  /** Milliseconds before the answer starts; 0 answers at once. */
  readonly delayMs: number;
  /** An HTTP status to answer instead of the JWKS (e.g. 500, 503), or `null` to serve it. */
  readonly status: number | null;
}

/** The fault switchboard of one emulator. */
export interface JwksFaults {
  /** The current fetch behavior. */
  behavior(): JwksFetchBehavior;
  /** Changes part of the fetch behavior; the rest is kept. */
  set(next: Partial<JwksFetchBehavior>): void;
  /** Back to normal fetches (no delay, no error); the keys stay as they are. */
  heal(): void;
  /**
   * Rotates the pool's keys: from now on tokens are signed with new keys, which the JWKS
   * publishes. The previous keys stay published while `keepOld` is true (Cognito's overlap),
   * else they are removed at once.
   */
  rotate(options?: { readonly keepOld?: boolean }): RotatedKeys;
  /** Removes the keys that signed before the last rotation from the JWKS. */
  retireOldKeys(): void;
  /** The keys of the last rotation, or `null` before any. */
  rotatedKeys(): RotatedKeys | null;
  /** Whether the pool's original keys (or the previous rotation's) are still published. */
  oldKeysPublished(): boolean;
  /** The public keys the previous rotation introduced, still published while `oldKeysPublished()`. */
  previousKeys(): readonly RotatedKey[];
  /** JWKS fetches answered (or refused) so far. */
  fetchCount(): number;
  /** Called by the JWKS host for every fetch it answers. */
  recordFetch(): void;
}

const NORMAL: JwksFetchBehavior = Object.freeze({ delayMs: 0, status: null });

function keyId(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  return createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n })).digest('base64');
}

function newKey(): RotatedKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: keyId(publicKey), privateKey, publicKey };
}

/**
 * Creates a switchboard, normal unless `initial` says otherwise.
 *
 * @example
 * const faults = createJwksFaults();
 * faults.set({ status: 503 });   // every JWKS fetch now fails
 * faults.rotate();               // new tokens carry a kid the authorizer has not seen
 * faults.heal();
 */
export function createJwksFaults(initial: Partial<JwksFetchBehavior> = {}): JwksFaults {
  let behavior: JwksFetchBehavior = { ...NORMAL, ...initial };
  let rotated: RotatedKeys | null = null;
  let previous: RotatedKey[] = [];
  let oldPublished = true;
  let fetches = 0;
  return {
    behavior: () => behavior,
    set(next) {
      behavior = { ...behavior, ...next };
    },
    heal() {
      behavior = NORMAL;
    },
    rotate(options = {}) {
      previous = rotated === null ? [] : [rotated.id, rotated.access];
      rotated = { id: newKey(), access: newKey() };
      oldPublished = options.keepOld === true;
      return rotated;
    },
    retireOldKeys() {
      oldPublished = false;
    },
    rotatedKeys: () => rotated,
    oldKeysPublished: () => oldPublished,
    previousKeys: () => previous,
    fetchCount: () => fetches,
    recordFetch() {
      fetches += 1;
    },
  };
}
