/**
 * The yardsticks the authorizer is measured against, each doing the work a Cognito authorizer
 * must do: the bare RS256 signature check (the floor), and two complete authorizers built on the
 * usual libraries — `jose` with a local JWKS and `jsonwebtoken` with PEM keys. The two check what
 * ours checks (signature with RS256 only, `iss` in either Cognito form, `exp`, `token_use`, `aud`
 * or `client_id`, users' and machines' clients) and then do the same identity, `resolverContext`
 * and `deniedFields` work.
 */
import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import jwt from 'jsonwebtoken';
import { decisionTtl, type AuthorizerAnswer, type AuthorizerEvent } from '../authorizer/authorizer.ts';
import { identityFromClaims, type CognitoClaims, type MachineClientIds } from '../authorizer/identity.ts';
import { extractToken } from '../authorizer/token.ts';
import { deniedFields, toResolverContext } from '../policy/index.ts';
import type { AuthorizerFixture, Handler } from './authorizer-fixtures.ts';

const REFUSED: AuthorizerAnswer = { isAuthorized: false };

/**
 * The floor: `crypto.verify` of a token's RS256 signature with its public key, plus the least
 * parsing any verifier needs (find the signature, decode it). No claims are read.
 */
export function verifySignatureOnly(token: string, publicKey: KeyObject): boolean {
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

/** The answer from verified claims: the same work our handler does after verification. */
function answerFor(claims: CognitoClaims & { readonly exp?: unknown }, machineClientIds: MachineClientIds, ttlSeconds: number): AuthorizerAnswer {
  const identity = identityFromClaims(claims, machineClientIds);
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
  const { ttlSeconds } = fixture.config;
  const clientIds = [...fixture.config.clientIds, ...fixture.config.machineClientIds];
  const machineClientIds = new Set(fixture.config.machineClientIds);
  return async (event: AuthorizerEvent) => {
    try {
      const token = extractToken(event.authorizationToken);
      const { payload } = await jwtVerify(token, jwks, { issuer, algorithms: ['RS256'], requiredClaims: ['exp'] });
      assertCognitoClient(payload, clientIds);
      return answerFor(payload, machineClientIds, ttlSeconds);
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
  const { ttlSeconds } = fixture.config;
  const clientIds = [...fixture.config.clientIds, ...fixture.config.machineClientIds];
  const machineClientIds = new Set(fixture.config.machineClientIds);
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
      return answerFor(payload, machineClientIds, ttlSeconds);
    } catch {
      return REFUSED;
    }
  };
}
