/**
 * The local user pool as one part of the emulator (`EmulatorPart`): its core (`cognito/`), with
 * the fault switchboard's key rotation over its signing keys (`faults/`); its HTTP front ends as
 * routes; the JWKS it serves in process at Cognito's URL to the authorizer; and the programmatic
 * front end. It lives beside the composition root because it joins two folders: `faults/`
 * decorates `cognito/`, so `cognito/` may not import `faults/`.
 */
import { cognitoRoutes, createUserPool, identityProviderOf, type IdentityProvider, type UserPoolOptions } from './cognito/index.ts';
import { createJwksFaults, registerJwksHost, withKeyRotationOf, type JwksFaults } from './faults/index.ts';
import type { EmulatorPart } from './http/emulator-part.ts';

/** Options of {@link createCognitoPart}: the pool's, and the switchboard. */
export type CognitoPartOptions = UserPoolOptions & {
  /**
   * How the pool's JWKS host answers the authorizer's fetches (delay, error status, key
   * rotation). Default: a fresh switchboard, as Cognito: promptly and with the pool's keys.
   */
  readonly jwksFaults?: JwksFaults;
};

/** The running part. */
export interface CognitoPart extends EmulatorPart {
  readonly name: 'cognito';
  /** `POST /` (JSON API), `GET /<userPoolId>/.well-known/jwks.json`, `POST /oauth2/token`. */
  readonly routes: NonNullable<EmulatorPart['routes']>;
  /** What `RunningEmulator.identityProvider` exposes (following key rotations). */
  readonly identityProvider: IdentityProvider;
  readonly jwksFaults: JwksFaults;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>/.well-known/jwks.json`, answered in process. */
  readonly jwksUrl: string;
  /** Stops answering the pool's JWKS fetches; idempotent. */
  close(): void;
}

/**
 * Builds the part.
 *
 * @example
 * const cognito = await createCognitoPart({ inMemory: true, preTokenGeneration, now });
 * cognito.identityProvider.writeJwksFile(jwksFile); // the authorizer's JWKS_FILE
 * // APP_CLIENT_ID: cognito.identityProvider.appClients.map((client) => client.clientId).join(',')
 * parts.push(cognito);
 */
export async function createCognitoPart(options: CognitoPartOptions): Promise<CognitoPart> {
  const { jwksFaults = createJwksFaults(), ...poolOptions } = options;
  const pool = withKeyRotationOf(await createUserPool(poolOptions as UserPoolOptions), jwksFaults);
  const jwksUrl = `${pool.issuer}/.well-known/jwks.json`;
  const registration = registerJwksHost(jwksUrl, { jwks: () => structuredClone(pool.signingKeys.jwks), faults: jwksFaults });
  return {
    name: 'cognito',
    routes: cognitoRoutes(pool),
    identityProvider: identityProviderOf(pool),
    jwksFaults,
    jwksUrl,
    close: () => registration.remove(),
  };
}
