/**
 * The local Cognito user pool as a part of the emulator, built from what `cognito/` and
 * `faults/` export: an adapter kept by the composition root until `cognito/` builds its own
 * part. `POST /` (the Cognito JSON API, `X-Amz-Target: AWSCognitoIdentityProviderService.*`)
 * and `GET /<userPoolId>/.well-known/jwks.json`; the emulator also plays the pool's JWKS host
 * for the in-process authorizer (see `faults/jwks-host.ts`) until the part closes.
 */
import { createCognitoRouteHandler, createIdentityProvider, type IdentityProvider, type IdentityProviderOptions } from './cognito/index.ts';
import { attachJwksHost, type JwksFaults } from './faults/index.ts';
import type { EmulatorPart, HttpRoute } from './http/emulator-part.ts';
import { requestErrorBody, sendJson } from './http/send-json.ts';

/** The pool's options, and how its JWKS host answers (default: as Cognito). */
export type CognitoPartOptions = IdentityProviderOptions & { readonly jwksFaults?: JwksFaults };

/** The part, and the pool the other parts are built from. */
export interface CognitoPart extends EmulatorPart {
  /** The pool, following the key rotations of `jwksFaults`. */
  readonly pool: IdentityProvider;
  readonly jwksFaults: JwksFaults;
}

/**
 * @example
 * const cognito = await createCognitoPart({ inMemory: true, preTokenGeneration: api.trigger });
 * cognito.pool.writeJwksFile(jwksFile);
 * const router = createRouter([graphql, cognito, console], { logError });
 */
export async function createCognitoPart(options: CognitoPartOptions): Promise<CognitoPart> {
  const { jwksFaults, ...poolOptions } = options;
  // The emulator plays Cognito's JWKS host for its pool: when the authorizer meets an unknown
  // kid and fetches the JWKS from the issuer's URL, the answer comes from here, in process
  // (never from AWS), with whatever faults the switchboard says.
  const jwksHost = attachJwksHost(await createIdentityProvider(poolOptions as IdentityProviderOptions), jwksFaults);
  const pool = jwksHost.provider;
  const answer = createCognitoRouteHandler(pool);
  const handle: HttpRoute['handle'] = async (req, res, url) => {
    // Without a Cognito target, `POST /` is nobody's.
    if (!(await answer(req, res))) {
      req.resume();
      sendJson(res, 404, requestErrorBody('NotFoundException', `No route for ${req.method ?? 'GET'} ${url.pathname}.`));
    }
  };
  return {
    name: 'cognito',
    pool,
    jwksFaults: jwksHost.faults,
    routes: [
      { method: 'POST', path: '/', handle },
      { method: 'GET', path: pool.jwksPath, handle },
    ],
    close: () => jwksHost.close(),
  };
}
