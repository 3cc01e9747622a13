import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { JwksNotAvailableInCacheError, JwtInvalidSignatureError } from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFastPath } from '../../authorizer/fast-path.ts';
import { base64url, createSigningKey, createTestPool, signJwt } from '../helpers/cognito-tokens.ts';

const pool = createTestPool();
const MACHINE = 'reportingclient';
const clientIds = [pool.clientId, MACHINE];

/** aws-jwt-verify configured as the authorizer configures it, and the fast path on the same keys. */
function verifiers() {
  const jwksCache = new SimpleJwksCache();
  const library = CognitoJwtVerifier.create({ userPoolId: pool.userPoolId, tokenUse: null, clientId: clientIds }, { jwksCache });
  library.cacheJwks(pool.jwks);
  return { library, fastPath: createFastPath({ userPoolId: pool.userPoolId, clientIds, jwks: jwksCache }) };
}

type Outcome = { readonly claims: unknown } | { readonly error: string } | { readonly deferred: true };

function outcome(decide: () => unknown): Outcome {
  try {
    const claims = decide();
    return claims === null ? { deferred: true } : { claims };
  } catch (error) {
    return { error: error instanceof Error ? error.constructor.name : typeof error };
  }
}

const now = () => Math.floor(Date.now() / 1000);
const idHeader = { kid: pool.idKey.kid, alg: 'RS256' };
const signedId = (claims: unknown, header: Record<string, unknown> = idHeader) => signJwt(header, claims, pool.idKey.privateKey);
const globalIssuer = pool.issuer.replace('https://cognito-idp.', 'https://issuer-cognito-idp.');

/** Tokens the library accepts and refuses for every reason a claim or the header can give, all validly signed. */
const CASES: ReadonlyArray<[string, () => string]> = [
  ['a user ID token', () => pool.idToken('agent')],
  ['a user access token with version', () => pool.accessToken('customer', { version: 2 })],
  ['a machine access token', () => pool.machineToken(MACHINE, ['helpdesk/tickets.read'])],
  ['a token of the global issuer form', () => pool.idToken('customer', { iss: globalIssuer })],
  ['an expired token', () => pool.idToken('customer', { exp: now() - 1 })],
  ['a token without exp', () => signedId(Object.fromEntries(Object.entries(pool.idClaims('customer')).filter(([name]) => name !== 'exp')))],
  ['a token not valid before a future nbf', () => pool.idToken('customer', { nbf: now() + 600 })],
  ['a token with a past nbf', () => pool.idToken('customer', { nbf: now() - 600 })],
  ['a string exp', () => pool.idToken('customer', { exp: String(now() + 600) })],
  ['an aud array naming the client', () => pool.idToken('customer', { aud: [pool.clientId] })],
  ['another client', () => pool.idToken('customer', { aud: 'someoneelse' })],
  ['token_use refresh', () => pool.idToken('customer', { token_use: 'refresh' })],
  ['another issuer', () => pool.idToken('customer', { iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other1' })],
  ['a numeric sub', () => pool.idToken('customer', { sub: 42 })],
  ['a numeric scope', () => pool.accessToken('customer', { scope: 7 })],
  ['a __proto__ claim', () => signedId(JSON.parse(`{"__proto__":{"admin":true},${JSON.stringify(pool.idClaims('admin')).slice(1)}`))],
  ['a constructor claim', () => pool.idToken('customer', { constructor: 'x' })],
  ['an unknown kid', () => signedId(pool.idClaims('customer'), { kid: 'unknown', alg: 'RS256' })],
  ['no kid', () => signedId(pool.idClaims('customer'), { alg: 'RS256' })],
  ['RS512 with the same key', () => signJwt({ kid: pool.idKey.kid, alg: 'RS512' }, pool.idClaims('customer'), pool.idKey.privateKey, 'RSA-SHA512')],
  ['a stranger key under a known kid', () => signJwt(idHeader, pool.idClaims('admin'), createSigningKey(pool.idKey.kid).privateKey)],
  ['a payload that is an array', () => signedId([1, 2])],
  ['padding on the signature', () => `${pool.idToken('customer')}==`],
  ['four parts', () => `${pool.idToken('customer')}.x`],
  ['a payload changed under a kept signature', () => {
    const [head, , signature] = pool.idToken('customer').split('.');
    return `${head}.${base64url(JSON.stringify(pool.idClaims('admin')))}.${signature}`;
  }],
  ['a payload that is not base64url JSON under a kept signature', () => {
    const [head, , signature] = pool.idToken('customer').split('.');
    return `${head}.%%%.${signature}`;
  }],
];

describe('Authorizer: fast path', () => {
  it.each(CASES)('decides %s as aws-jwt-verify does, or leaves it to it', (_name, make) => {
    // Prepare
    const { library, fastPath } = verifiers();
    const token = make();

    // Act
    const fast = outcome(() => fastPath(token));
    const reference = outcome(() => library.verifySync(token));

    // Assess
    if ('deferred' in fast) expect(reference).not.toHaveProperty('deferred');
    else expect(fast).toEqual(reference);
  });

  it('takes the common tokens itself, with the claims aws-jwt-verify returns', () => {
    // Prepare
    const { library, fastPath } = verifiers();
    const tokens = [pool.idToken('admin'), pool.accessToken('agent', { version: 2 }), pool.machineToken(MACHINE, ['helpdesk/tickets.triage'])];

    // Act
    const decided = tokens.map((token) => fastPath(token));

    // Assess
    expect(decided).toEqual(tokens.map((token) => library.verifySync(token)));
    expect(decided.every((claims) => claims !== null)).toBe(true);
  });

  it('refuses a token with a wrong signature with the error aws-jwt-verify throws', () => {
    // Prepare
    const { fastPath } = verifiers();
    const [head, , signature] = pool.idToken('customer').split('.');
    const tampered = `${head}.${base64url(JSON.stringify(pool.idClaims('admin')))}.${signature}`;

    // Act
    const decide = () => fastPath(tampered);

    // Assess
    expect(decide).toThrow(JwtInvalidSignatureError);
  });

  it('leaves a token to aws-jwt-verify when its key set is due for a refresh', () => {
    // Prepare
    const fastPath = createFastPath({
      userPoolId: pool.userPoolId,
      clientIds,
      jwks: {
        getCachedJwk: () => {
          throw new JwksNotAvailableInCacheError('due for a refresh');
        },
      },
    });

    // Act
    const claims = fastPath(pool.idToken('customer'));

    // Assess
    expect(claims).toBeNull();
  });

  it('never accepts a changed character that aws-jwt-verify refuses', () => {
    // Prepare
    const { library, fastPath } = verifiers();
    const tokens = [pool.idToken('customer'), pool.accessToken('admin', { version: 2 }), pool.machineToken(MACHINE, ['helpdesk/tickets.read'])];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';

    // Act, Assess
    fc.assert(
      fc.property(fc.nat(tokens.length - 1), fc.nat(), fc.nat(alphabet.length - 1), (which, at, replacement) => {
        const token = tokens[which] as string;
        const index = at % token.length;
        const changed = `${token.slice(0, index)}${alphabet[replacement]}${token.slice(index + 1)}`;
        const fast = outcome(() => fastPath(changed));
        if ('deferred' in fast) return;
        expect(fast).toEqual(outcome(() => library.verifySync(changed)));
      }),
      { numRuns: 300 },
    );
  });
});
