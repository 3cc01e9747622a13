/**
 * The yardsticks the authorizer is measured against, each doing the work a Cognito authorizer
 * must do: the bare RS256 signature check (the floor), and two complete authorizers built on the
 * usual libraries — `jose` with a local JWKS and `jsonwebtoken` with PEM keys. The two check what
 * ours checks (signature with RS256 only, `iss` in either Cognito form, `exp`, `token_use`, `aud`
 * or `client_id`) and then do the same identity, `resolverContext` and `deniedFields` work.
 */
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import jwt from 'jsonwebtoken';
import { decisionTtl, type AuthorizerAnswer, type AuthorizerEvent, type TokenVerifier } from '../authorizer/authorizer.ts';
import { identityFromClaims, type CognitoClaims } from '../authorizer/identity.ts';
import { extractToken } from '../authorizer/token.ts';
import type { Verifier } from '../authorizer/verifier.ts';
import { JwksNotAvailableInCacheError, KidNotFoundInJwksError } from 'aws-jwt-verify/error';
import { deniedFields, toResolverContext } from '../policy/index.ts';
import type { AuthorizerFixture, BenchToken, Handler } from './authorizer-fixtures.ts';

const REFUSED: AuthorizerAnswer = { isAuthorized: false };

/**
 * The floor: `crypto.verify` of a token's RS256 signature with its public key, plus the least
 * parsing any verifier needs (find the signature, decode it). No claims are read.
 */
export function verifySignatureOnly({ token, publicKey }: BenchToken): boolean {
  const dot = token.lastIndexOf('.');
  const signature = Buffer.from(token.slice(dot + 1), 'base64url');
  return cryptoVerify('sha256', Buffer.from(token.slice(0, dot)), publicKey, signature);
}

/** Both issuer forms Cognito uses for a pool. */
function issuersOf(userPoolId: string): string[] {
  const region = userPoolId.split('_')[0] as string;
  return [`https://cognito-idp.${region}.amazonaws.com/${userPoolId}`, `https://issuer-cognito-idp.${region}.amazonaws.com/${userPoolId}`];
}

/** `token_use` must be `id` (client in `aud`) or `access` (client in `client_id`). */
function assertCognitoClient(claims: Record<string, unknown>, clientIds: readonly string[]): void {
  const client = claims.token_use === 'id' ? claims.aud : claims.token_use === 'access' ? claims.client_id : undefined;
  if (typeof client !== 'string' || !clientIds.includes(client)) throw new Error('token_use or client mismatch');
}

// The reference authorizers serve user tokens only, as the bench's pool mints them.
const NO_MACHINE_CLIENTS: ReadonlySet<string> = new Set();

/** The answer from verified claims: the same work our handler does after verification. */
function answerFor(claims: CognitoClaims & { readonly exp?: unknown }, ttlSeconds: number): AuthorizerAnswer {
  const identity = identityFromClaims(claims, NO_MACHINE_CLIENTS);
  return {
    isAuthorized: true,
    resolverContext: toResolverContext(identity),
    deniedFields: deniedFields(identity),
    ttlOverride: decisionTtl(ttlSeconds, claims.exp, Date.now()),
  };
}

/** A complete authorizer on `jose`: `jwtVerify` against a local JWKS (imported keys are cached). */
export function createJoseAuthorizer(fixture: AuthorizerFixture): Handler {
  const jwks = createLocalJWKSet(fixture.pool.jwks);
  const issuer = issuersOf(fixture.config.userPoolId);
  const { clientIds, ttlSeconds } = fixture.config;
  return async (event: AuthorizerEvent) => {
    try {
      const token = extractToken(event.authorizationToken);
      const { payload } = await jwtVerify(token, jwks, { issuer, algorithms: ['RS256'], requiredClaims: ['exp'] });
      assertCognitoClient(payload, clientIds);
      return answerFor(payload, ttlSeconds);
    } catch {
      return REFUSED;
    }
  };
}

/**
 * A complete authorizer on `jsonwebtoken` with PEM keys looked up by `kid`, the usual pairing
 * with `jwks-rsa`. jsonwebtoken turns the PEM string into a key object on every call.
 */
export function createJsonwebtokenAuthorizer(fixture: AuthorizerFixture): Handler {
  const pems = new Map(
    fixture.pool.jwks.keys.map((jwk) => [jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString()]),
  );
  const getKey: jwt.GetPublicKeyOrSecret = (header, callback) => {
    const pem = header.kid === undefined ? undefined : pems.get(header.kid);
    if (pem === undefined) callback(new Error('unknown kid'));
    else callback(null, pem);
  };
  const issuer = issuersOf(fixture.config.userPoolId) as [string, ...string[]];
  const { clientIds, ttlSeconds } = fixture.config;
  const verify = (token: string) =>
    new Promise<jwt.JwtPayload>((resolve, reject) => {
      jwt.verify(token, getKey, { algorithms: ['RS256'], issuer }, (error, payload) => {
        if (error !== null || typeof payload !== 'object' || payload === undefined) reject(error ?? new Error('no payload'));
        else resolve(payload);
      });
    });
  return async (event: AuthorizerEvent) => {
    try {
      const payload = await verify(extractToken(event.authorizationToken));
      if (typeof payload.exp !== 'number') throw new Error('no exp');
      assertCognitoClient(payload, clientIds);
      return answerFor(payload, ttlSeconds);
    } catch {
      return REFUSED;
    }
  };
}

/**
 * The change this bench proposes for `authorizer/`: verify synchronously while the JWKS is
 * cached, and take the asynchronous path (which may fetch) only when it is not or when the
 * `kid` is unknown. Used here to measure the proposal without editing the authorizer.
 */
export function syncFirstVerifier(verifier: Verifier): TokenVerifier {
  return {
    verify(token) {
      try {
        return Promise.resolve(verifier.verifySync(token));
      } catch (error) {
        if (error instanceof JwksNotAvailableInCacheError || error instanceof KidNotFoundInJwksError) return verifier.verify(token);
        return Promise.reject(error);
      }
    },
  };
}
