/**
 * The token as it arrives in AppSync's `authorizationToken`, before verification.
 */
import { createHash } from 'node:crypto';
import { MissingTokenError, TokenTooLongError } from './errors.ts';

/**
 * Cognito tokens are 1–4 KB, a little more with many groups. Anything far longer is refused
 * before parsing so that a hostile header costs nothing.
 */
export const MAX_TOKEN_LENGTH = 16_384;

/**
 * The JWT inside an `Authorization` value: trimmed, with an optional `Bearer ` prefix (any case)
 * removed, since clients differ on sending it and aws-jwt-verify refuses it.
 *
 * @throws {MissingTokenError} when nothing is left.
 * @throws {TokenTooLongError} when it is longer than {@link MAX_TOKEN_LENGTH}.
 * @example
 * extractToken('Bearer eyJraWQ…'); // 'eyJraWQ…'
 */
export function extractToken(authorization: unknown): string {
  if (typeof authorization !== 'string') throw new MissingTokenError('No authorization token');
  if (authorization.length > MAX_TOKEN_LENGTH + 16) {
    throw new TokenTooLongError(authorization.length, MAX_TOKEN_LENGTH);
  }
  const trimmed = authorization.trim();
  const token = trimmed.slice(0, 7).toLowerCase() === 'bearer ' ? trimmed.slice(7).trim() : trimmed;
  if (token === '') throw new MissingTokenError('No authorization token');
  if (token.length > MAX_TOKEN_LENGTH) throw new TokenTooLongError(token.length, MAX_TOKEN_LENGTH);
  return token;
}

/**
 * A short, non-reversible name for a token, safe to log: the first 8 hex characters of its
 * SHA-256. Enough to correlate log lines, useless to an attacker.
 */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 8);
}
