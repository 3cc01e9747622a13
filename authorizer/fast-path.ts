/**
 * The common case of verification done directly: an RS256 token of the configured pool, in
 * Cognito's exact shape, whose key is in memory. aws-jwt-verify spends about 10 µs around the
 * RSA check (a regular expression over the whole token, a `JSON.parse` reviver, a `Verify`
 * stream, promise hops), a third of a decision; this path does the same checks in about 2.
 *
 * It never decides alone what the library would decide otherwise. It answers only with
 * - the claims, when every check the library makes passes (nothing it would refuse is accepted:
 *   anything unusual, such as another algorithm, an array `aud`, `nbf`, a key named `__proto__`
 *   or `constructor`, an unknown issuer or key, is handed to the library by returning `null`);
 * - the library's own `JwtInvalidSignatureError`, when the signature alone is wrong: the library
 *   checks the signature before the claims, so it would throw exactly this (and its parse error
 *   first, for a token that is not a JWT at all, which `decomposeUnverifiedJwt` reproduces).
 */
import { createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { JwtInvalidSignatureError } from 'aws-jwt-verify/error';
import type { JwkWithKid } from 'aws-jwt-verify/jwk';
import { decomposeUnverifiedJwt, type DecomposedJwt } from 'aws-jwt-verify/jwt';
import { isJsonObject, safeJsonParse } from 'aws-jwt-verify/safe-json-parse';
import type { VerifiedClaims } from './authorizer.ts';

/** Where the fast path finds keys: the verifier's JWKS cache, expiry included. */
export interface CachedJwkSource {
  getCachedJwk(jwksUri: string, decomposedJwt: DecomposedJwt): JwkWithKid;
}

/** Options of {@link createFastPath}. */
export interface FastPathOptions {
  readonly userPoolId: string;
  /** Every app client whose tokens the verifier accepts. */
  readonly clientIds: readonly string[];
  readonly jwks: CachedJwkSource;
}

/** Verifies a token, or returns `null` to leave it to aws-jwt-verify. */
export type FastPath = (token: string) => VerifiedClaims | null;

/** Distinct JWT headers remembered; a pool has one per key, so more means someone is probing. */
const MAX_HEADERS = 16;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
// The library removes these keys with its reviver; a token naming them is left to it.
const REVIVED_KEYS = /__proto__|constructor/;

type Header = DecomposedJwt['header'];

const isOptionalString = (value: unknown) => value === undefined || typeof value === 'string';
const isOptionalFinite = (value: unknown) => value === undefined || (typeof value === 'number' && Number.isFinite(value));

/**
 * Creates the fast path for a pool, its issuers in both of Cognito's forms as aws-jwt-verify
 * derives them.
 *
 * @example
 * const fastPath = createFastPath({ userPoolId, clientIds, jwks: jwksCache });
 * const claims = fastPath(token) ?? libraryVerifier.verifySync(token);
 */
export function createFastPath(options: FastPathOptions): FastPath {
  const region = options.userPoolId.split('_')[0] as string;
  const globalIssuer = `https://issuer-cognito-idp.${region}.amazonaws.com/${options.userPoolId}`;
  const jwksUris = new Map(
    [CognitoJwtVerifier.parseUserPoolId(options.userPoolId), CognitoJwtVerifier.parseUserPoolId(options.userPoolId, globalIssuer)].map(
      ({ issuer, jwksUri }) => [issuer, jwksUri],
    ),
  );
  const clientIds = new Set(options.clientIds);
  const headers = new Map<string, Header | null>();
  // Keyed by the JWK object: a refreshed key set brings new objects, hence new keys.
  const keys = new WeakMap<JwkWithKid, KeyObject>();

  function headerOf(headerB64: string): Header | null {
    let header = headers.get(headerB64);
    if (header !== undefined) return header;
    header = null;
    try {
      const parsed = safeJsonParse(Buffer.from(headerB64, 'base64').toString('utf8'));
      if (isJsonObject(parsed) && parsed.alg === 'RS256' && typeof parsed.kid === 'string' && parsed.kid !== '') header = parsed as Header;
    } catch {
      // Not JSON: the library reports it.
    }
    if (headers.size >= MAX_HEADERS) headers.clear();
    headers.set(headerB64, header);
    return header;
  }

  function keyFor(jwk: JwkWithKid): KeyObject | null {
    // What the library's assertIsSignatureJwk and header check demand of an RS256 key.
    if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e || (jwk.use && jwk.use !== 'sig') || (jwk.alg && jwk.alg !== 'RS256')) return null;
    let key = keys.get(jwk);
    if (key === undefined) {
      try {
        key = createPublicKey({ key: jwk, format: 'jwk' });
      } catch {
        // A key Node cannot import: the library reports it.
        return null;
      }
      keys.set(jwk, key);
    }
    return key;
  }

  return function fastPath(token) {
    const firstDot = token.indexOf('.');
    const secondDot = token.indexOf('.', firstDot + 1);
    if (firstDot <= 0 || secondDot <= firstDot + 1 || secondDot === token.length - 1 || token.indexOf('.', secondDot + 1) !== -1) return null;
    const headerB64 = token.slice(0, firstDot);
    const payloadB64 = token.slice(firstDot + 1, secondDot);
    const signatureB64 = token.slice(secondDot + 1);
    const header = headerOf(headerB64);
    if (header === null || !BASE64URL.test(signatureB64)) return null;

    const payloadJson = Buffer.from(payloadB64, 'base64').toString('utf8');
    if (REVIVED_KEYS.test(payloadJson)) return null;
    let payload: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(payloadJson);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
      payload = parsed as Record<string, unknown>;
    } catch {
      return null;
    }
    // The library's payload assertions, its exp check (no grace), and Cognito's claim checks.
    const { exp, iss, token_use: tokenUse } = payload;
    if (typeof exp !== 'number' || !Number.isFinite(exp) || exp < Date.now() / 1000) return null;
    if (payload.nbf !== undefined || !isOptionalFinite(payload.iat)) return null;
    if (!isOptionalString(payload.sub) || !isOptionalString(payload.aud) || !isOptionalString(payload.scope) || !isOptionalString(payload.jti)) return null;
    const client = tokenUse === 'id' ? payload.aud : tokenUse === 'access' ? payload.client_id : undefined;
    if (typeof client !== 'string' || !clientIds.has(client)) return null;
    const jwksUri = typeof iss === 'string' ? jwksUris.get(iss) : undefined;
    if (jwksUri === undefined) return null;

    const decomposed: DecomposedJwt = { header, headerB64, payload: payload as DecomposedJwt['payload'], payloadB64, signatureB64 };
    let jwk: JwkWithKid;
    try {
      // Throws when the key is unknown or its key set is due for a refresh: the library's turn.
      jwk = options.jwks.getCachedJwk(jwksUri, decomposed);
    } catch {
      return null;
    }
    const key = keyFor(jwk);
    if (key === null) return null;
    let valid: boolean;
    try {
      valid = verifySignature('sha256', Buffer.from(token.slice(0, secondDot)), key, Buffer.from(signatureB64, 'base64url'));
    } catch {
      return null;
    }
    if (!valid) {
      // Throws the library's parse error for what it would not even parse.
      decomposeUnverifiedJwt(token);
      throw new JwtInvalidSignatureError('Invalid signature');
    }
    return payload as VerifiedClaims;
  };
}
