/**
 * RS256 JSON Web Tokens signed and verified with `node:crypto` (RSASSA-PKCS1-v1_5 with SHA-256,
 * RFC 7518 §3.3). The header is `{ kid, alg }`, in Cognito's order.
 */
import { sign, verify } from 'node:crypto';
import { base64UrlDecode, base64UrlEncode } from './base64url.ts';
import type { SigningKey } from './signing-keys.ts';

/** A JWT payload: JSON claims. */
export type JwtPayload = Record<string, unknown>;

/**
 * Signs `payload` with `key`.
 *
 * @example
 * const token = signJwt({ sub, token_use: 'access' }, keys.access);
 */
export function signJwt(payload: JwtPayload, key: SigningKey): string {
  const header = base64UrlEncode(JSON.stringify({ kid: key.kid, alg: 'RS256' }));
  const body = base64UrlEncode(JSON.stringify(payload));
  const signingInput = `${header}.${body}`;
  const signature = sign('sha256', Buffer.from(signingInput), key.privateKey);
  return `${signingInput}.${base64UrlEncode(signature)}`;
}

/** A token split into its parts, not yet trusted. */
export interface DecodedJwt {
  readonly header: { readonly kid?: unknown; readonly alg?: unknown };
  readonly payload: JwtPayload;
  readonly signingInput: string;
  readonly signature: Buffer;
}

function parseObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Splits a compact JWS into header, payload and signature without verifying anything; `null`
 * when it is not one.
 *
 * @example
 * decodeJwt(token)?.header.kid;
 */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = parseObject(base64UrlDecode(headerPart));
  const payload = parseObject(base64UrlDecode(payloadPart));
  if (header === null || payload === null || !/^[A-Za-z0-9_-]+$/.test(signaturePart)) return null;
  return { header, payload, signingInput: `${headerPart}.${payloadPart}`, signature: Buffer.from(signaturePart, 'base64url') };
}

/**
 * Whether `decoded` carries a valid RS256 signature by `key`.
 *
 * @example
 * if (decoded && hasValidSignature(decoded, keys.access)) { ... }
 */
export function hasValidSignature(decoded: DecodedJwt, key: SigningKey): boolean {
  if (decoded.header.alg !== 'RS256' || decoded.header.kid !== key.kid) return false;
  return verify('sha256', Buffer.from(decoded.signingInput), key.publicKey, decoded.signature);
}
