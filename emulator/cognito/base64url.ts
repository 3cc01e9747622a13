/** base64url without padding (RFC 7515 §2), as JWTs use. */

/**
 * Encodes bytes or a UTF-8 string as base64url.
 *
 * @example
 * base64UrlEncode('{"alg":"RS256"}'); // 'eyJhbGciOiJSUzI1NiJ9'
 */
export function base64UrlEncode(input: string | Uint8Array): string {
  return Buffer.from(input).toString('base64url');
}

/**
 * Decodes base64url text to a UTF-8 string; returns `null` for anything that is not strictly
 * base64url (Node's decoder would otherwise skip invalid characters silently).
 *
 * @example
 * base64UrlDecode('eyJhbGciOiJSUzI1NiJ9'); // '{"alg":"RS256"}'
 */
export function base64UrlDecode(input: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(input)) return null;
  return Buffer.from(input, 'base64url').toString('utf8');
}
