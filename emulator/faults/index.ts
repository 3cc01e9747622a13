/**
 * Fault injection for the emulator's identity provider: the switchboard (`jwks-faults.ts`,
 * `--jwks-fault`), a wrapper of the pool's JWKS host that applies its delays and error statuses
 * (`jwks-host.ts`), and key rotation over the pool's signing keys (`rotating-keys.ts`).
 * `createCognitoPart` (`emulator/cognito-part.ts`) wires them; without faults the pool behaves as Cognito.
 */
import type { IdentityProvider } from '../cognito/identity-provider.ts';
import { createJwksFaults, type JwksFaults } from './jwks-faults.ts';
import { registerJwksHost } from './jwks-host.ts';
import { withKeyRotation } from './rotating-keys.ts';

export { createJwksFaults } from './jwks-faults.ts';
export type { JwksFaults, JwksFetchBehavior, RotatedKey, RotatedKeys } from './jwks-faults.ts';
export { JWKS_FAULT_USAGE, JwksFaultSpecError, parseJwksFaultSpec } from './parse-fault-spec.ts';
export { registerJwksHost } from './jwks-host.ts';
export type { JwksHostRegistration, JwksSource } from './jwks-host.ts';
export { withKeyRotation, withKeyRotationOf, withRotatedKeys } from './rotating-keys.ts';

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
 * Makes `base` follow the rotations of `faults` and serves its JWKS in process with the
 * switchboard's faults. (`createCognitoPart` does this for a part; this is for a bare provider.)
 *
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
