/**
 * Fault injection for the emulator's identity provider, the hook `startEmulator` calls.
 *
 * `attachJwksHost(pool, faults)` makes the emulator play Cognito's JWKS host for its own pool
 * (fetches by the in-process authorizer are answered from the pool's keys, see `jwks-host.ts`)
 * and wraps the pool so that it follows key rotations (see `rotating-provider.ts`). Every
 * emulator gets one; without faults it behaves as Cognito would.
 */
import type { IdentityProvider } from '../cognito/index.ts';
import { createJwksFaults, type JwksFaults } from './jwks-faults.ts';
import { registerJwksHost } from './jwks-host.ts';
import { withKeyRotation } from './rotating-provider.ts';

export { createJwksFaults } from './jwks-faults.ts';
export type { JwksFaults, JwksFetchBehavior, RotatedKey, RotatedKeys } from './jwks-faults.ts';
export { JWKS_FAULT_USAGE, JwksFaultSpecError, parseJwksFaultSpec } from './parse-fault-spec.ts';
export { registerJwksHost } from './jwks-host.ts';
export { withKeyRotation } from './rotating-provider.ts';

/** An attached JWKS host. */
export interface AttachedJwksHost {
  /** The pool to use from now on: `base`, following the rotations of `faults`. */
  readonly provider: IdentityProvider;
  readonly faults: JwksFaults;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>/.well-known/jwks.json`. */
  readonly jwksUrl: string;
  /** Stops answering the pool's JWKS fetches; idempotent. */
  close(): void;
}

/**
 * @example
 * const host = attachJwksHost(await createIdentityProvider({ inMemory: true }), options.jwksFaults);
 * const pool = host.provider;
 * cleanups.push(() => host.close());
 */
export function attachJwksHost(base: IdentityProvider, faults: JwksFaults = createJwksFaults()): AttachedJwksHost {
  const provider = withKeyRotation(base, faults);
  const jwksUrl = `${base.issuer}/.well-known/jwks.json`;
  const registration = registerJwksHost(jwksUrl, { jwks: () => provider.jwks(), faults });
  return { provider, faults, jwksUrl, close: () => registration.remove() };
}
