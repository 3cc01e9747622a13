/**
 * Key rotation for the local user pool: a view of the pool's signing keys that, once the
 * switchboard has rotated, signs with the rotated key of each kind and publishes the JWKS the
 * rotation calls for. The pool core reads its keys at every token, so every front end (the
 * JSON API, `/oauth2/token`, programmatic `signIn`) follows a rotation at once, and the pool
 * still recognises tokens signed with any key it has used (`GetUser` keeps working).
 */
import { identityProviderOf, type IdentityProvider } from '../cognito/identity-provider.ts';
import type { Jwks, PublicJwk, SigningKey, SigningKeys } from '../cognito/signing-keys.ts';
import type { UserPool } from '../cognito/user-pool.ts';
import type { JwksFaults, RotatedKey } from './jwks-faults.ts';

function toPublicJwk(key: RotatedKey): PublicJwk {
  const jwk = key.publicKey.export({ format: 'jwk' });
  return { alg: 'RS256', e: String(jwk.e), kid: key.kid, kty: 'RSA', n: String(jwk.n), use: 'sig' };
}

/**
 * The keys of `base`, following the rotations of `faults`. Before any rotation they are `base`'s.
 *
 * @example
 * const pool = { ...core, signingKeys: withRotatedKeys(core.signingKeys, faults) };
 */
export function withRotatedKeys(base: SigningKeys, faults: JwksFaults): SigningKeys {
  // Every rotated key this process has signed with, to recognise its tokens later.
  const used = new Map<string, { key: SigningKey; use: 'id' | 'access' }>();
  const current = (): { id: SigningKey; access: SigningKey } => {
    const rotated = faults.rotatedKeys();
    if (rotated === null) return { id: base.id, access: base.access };
    used.set(rotated.id.kid, { key: rotated.id, use: 'id' });
    used.set(rotated.access.kid, { key: rotated.access, use: 'access' });
    return rotated;
  };
  return {
    get id() {
      return current().id;
    },
    get access() {
      return current().access;
    },
    get jwks(): Jwks {
      const rotated = faults.rotatedKeys();
      if (rotated === null) return base.jwks;
      const previous = faults.previousKeys();
      const old = faults.oldKeysPublished() ? (previous.length > 0 ? previous.map(toPublicJwk) : base.jwks.keys) : [];
      return { keys: [...old, toPublicJwk(rotated.id), toPublicJwk(rotated.access)] };
    },
    byKid(kid) {
      current();
      return base.byKid(kid) ?? used.get(kid);
    },
  };
}

/**
 * The pool core with rotating keys.
 *
 * @example
 * const rotating = withKeyRotationOf(core, faults);
 */
export function withKeyRotationOf(pool: UserPool, faults: JwksFaults): UserPool {
  return { ...pool, signingKeys: withRotatedKeys(pool.signingKeys, faults) };
}

/**
 * Wraps a provider so that it follows the rotations of `faults`. Before any rotation it behaves
 * exactly as `base`.
 *
 * @example
 * const pool = withKeyRotation(await createIdentityProvider({ inMemory: true }), faults);
 * faults.rotate();
 * (await pool.signIn('agent@example.com', 'Passw0rd!')).idToken; // signed with the new ID key
 */
export function withKeyRotation(base: IdentityProvider, faults: JwksFaults): IdentityProvider {
  return identityProviderOf(withKeyRotationOf(base.pool, faults));
}
