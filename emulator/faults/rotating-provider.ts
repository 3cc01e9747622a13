/**
 * Key rotation for the local user pool, without touching `emulator/cognito/`: a wrapper of the
 * identity provider that, once the switchboard has rotated, re-signs every token the pool issues
 * with the rotated key of its kind and publishes the JWKS the rotation calls for. Tokens of the
 * Cognito API's own user operations (`GetUser`, `RevokeToken`, `GlobalSignOut`) are mapped back
 * to the pool's originals, so those operations keep working with rotated tokens.
 */
import { sign } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CognitoRequest, CognitoResponse, IdentityProvider, Jwks, PublicJwk } from '../cognito/index.ts';
import type { JwksFaults, RotatedKey } from './jwks-faults.ts';

/** Most rotated access tokens remembered for the Cognito user operations. */
const MAX_REMEMBERED_TOKENS = 10_000;

function toPublicJwk(key: RotatedKey): PublicJwk {
  const jwk = key.publicKey.export({ format: 'jwk' });
  return { alg: 'RS256', e: String(jwk.e), kid: key.kid, kty: 'RSA', n: String(jwk.n), use: 'sig' };
}

function resign(token: string, faults: JwksFaults): string {
  const keys = faults.rotatedKeys();
  const [, payloadPart] = token.split('.');
  if (keys === null || payloadPart === undefined) return token;
  const payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as { token_use?: unknown };
  const key = payload.token_use === 'id' ? keys.id : keys.access;
  const signingInput = `${Buffer.from(JSON.stringify({ kid: key.kid, alg: 'RS256' })).toString('base64url')}.${payloadPart}`;
  return `${signingInput}.${sign('sha256', Buffer.from(signingInput), key.privateKey).toString('base64url')}`;
}

/**
 * Wraps `base` so that it follows the rotations of `faults`. Before any rotation it behaves
 * exactly as `base`.
 *
 * @example
 * const pool = withKeyRotation(await createIdentityProvider({ inMemory: true }), faults);
 * faults.rotate();
 * (await pool.signIn('agent@example.com', 'Passw0rd!')).idToken; // signed with the new ID key
 */
export function withKeyRotation(base: IdentityProvider, faults: JwksFaults): IdentityProvider {
  const originals = new Map<string, string>();
  const remember = (rotated: string, original: string): void => {
    originals.set(rotated, original);
    if (originals.size > MAX_REMEMBERED_TOKENS) originals.delete(originals.keys().next().value as string);
  };
  const jwks = (): Jwks => {
    const current = faults.rotatedKeys();
    if (current === null) return base.jwks();
    const previous = faults.previousKeys();
    const old = faults.oldKeysPublished() ? (previous.length > 0 ? previous.map(toPublicJwk) : base.jwks().keys) : [];
    return { keys: [...old, toPublicJwk(current.id), toPublicJwk(current.access)] };
  };
  const rotateTokens = <T extends Record<string, unknown>>(result: T): T => {
    if (faults.rotatedKeys() === null) return result;
    const out: Record<string, unknown> = { ...result };
    if (typeof result.IdToken === 'string') out.IdToken = resign(result.IdToken, faults);
    if (typeof result.AccessToken === 'string') {
      out.AccessToken = resign(result.AccessToken, faults);
      remember(out.AccessToken as string, result.AccessToken);
    }
    return out as T;
  };
  return {
    userPoolId: base.userPoolId,
    clientId: base.clientId,
    region: base.region,
    issuer: base.issuer,
    triggerVersion: base.triggerVersion,
    jwksPath: base.jwksPath,
    users: base.users,
    jwks,
    writeJwksFile(path) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(jwks(), null, 2)}\n`);
    },
    async signIn(username, password) {
      const result = await base.signIn(username, password);
      const rotated = rotateTokens({ IdToken: result.idToken, AccessToken: result.accessToken });
      return { ...result, idToken: rotated.IdToken, accessToken: rotated.AccessToken };
    },
    async handleCognitoRequest(request: CognitoRequest): Promise<CognitoResponse> {
      let body = request.body;
      if (originals.size > 0 && body.includes('"AccessToken"')) {
        try {
          const parsed = JSON.parse(body) as Record<string, unknown>;
          const original = typeof parsed.AccessToken === 'string' ? originals.get(parsed.AccessToken) : undefined;
          if (original !== undefined) body = JSON.stringify({ ...parsed, AccessToken: original });
        } catch {
          // Not JSON: the pool answers it with its own error.
        }
      }
      const response = await base.handleCognitoRequest({ ...request, body });
      if (faults.rotatedKeys() === null || response.status !== 200 || !response.body.includes('Token')) return response;
      const answer = JSON.parse(response.body) as Record<string, unknown>;
      const result = answer.AuthenticationResult;
      if (result === null || typeof result !== 'object') return response;
      return { ...response, body: JSON.stringify({ ...answer, AuthenticationResult: rotateTokens(result as Record<string, unknown>) }) };
    },
  };
}
