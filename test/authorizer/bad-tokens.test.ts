import { createPublicKey } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  base64url,
  createSigningKey,
  createTestPool,
  signHs256,
  signJwt,
} from '../helpers/cognito-tokens.ts';
import { createAuthorizer } from '../../authorizer/authorizer.ts';
import { readConfig } from '../../authorizer/config.ts';
import { createLogger } from '../../authorizer/logger.ts';
import { createVerifier } from '../../authorizer/verifier.ts';
import { startLocalJwksServer, type LocalJwksServer } from '../helpers/local-jwks-server.ts';
import { authorizerEvent, type Handler } from './load-handler.ts';

const pool = createTestPool();
const otherPool = createTestPool({ userPoolId: 'us-east-1_OtherPool9' });
const strangerKey = createSigningKey(pool.idKey.kid);
const now = () => Math.floor(Date.now() / 1000);

const header = { kid: pool.idKey.kid, alg: 'RS256' };
const idSigned = (payload: unknown, head: Record<string, unknown> = header) => signJwt(head, payload, pool.idKey.privateKey);
const accessSigned = (payload: unknown) => signJwt({ kid: pool.accessKey.kid, alg: 'RS256' }, payload, pool.accessKey.privateKey);
const withoutClaim = (claims: Record<string, unknown>, name: string) => Object.fromEntries(Object.entries(claims).filter(([key]) => key !== name));

function tamperPayload(token: string): string {
  const [head, , signature] = token.split('.');
  const claims = { ...pool.idClaims('customer'), 'cognito:groups': ['admins'] };
  return `${head}.${base64url(JSON.stringify(claims))}.${signature}`;
}

function tamperSignature(token: string): string {
  const last = token.at(-2) === 'A' ? 'B' : 'A';
  return `${token.slice(0, -2)}${last}${token.at(-1)}`;
}

const publicPem = createPublicKey(pool.idKey.privateKey).export({ format: 'pem', type: 'spki' });

/** Each case: a name and the `authorizationToken` AppSync would pass. */
const BAD_TOKENS: ReadonlyArray<[string, () => unknown]> = [
  ['an empty string', () => ''],
  ['whitespace only', () => '   \t  '],
  ['a Bearer prefix with nothing after it', () => 'Bearer '],
  ['two Bearer prefixes', () => `Bearer Bearer ${pool.idToken('customer')}`],
  ['garbage', () => 'not-a-token'],
  ['two dots only', () => '..'],
  ['three non-base64 segments', () => '%%%.***.!!!'],
  ['four segments', () => `${pool.idToken('customer')}.extra`],
  ['a header that is not JSON', () => `${base64url('not json')}.${base64url('{}')}.sig`],
  ['a header that is a JSON array', () => `${base64url('[]')}.${base64url(JSON.stringify(pool.idClaims('customer')))}.sig`],
  ['a payload that is a JSON array', () => idSigned([1, 2, 3])],
  ['alg none without a signature', () => `${base64url(JSON.stringify({ alg: 'none', kid: pool.idKey.kid }))}.${base64url(JSON.stringify(pool.idClaims('admin')))}.`],
  ['alg none with the kid of a real key and a real signature', () => {
    const real = pool.idToken('admin').split('.');
    return `${base64url(JSON.stringify({ alg: 'none', kid: pool.idKey.kid }))}.${real[1]}.${real[2]}`;
  }],
  ['HS256 signed with the public key PEM as the secret', () => signHs256({ alg: 'HS256', kid: pool.idKey.kid }, pool.idClaims('admin'), publicPem)],
  ['HS256 signed with the JWK modulus as the secret', () => signHs256({ alg: 'HS256', kid: pool.idKey.kid }, pool.idClaims('admin'), pool.idKey.jwk.n)],
  ['RS384 claimed against an RS256 key', () => signJwt({ alg: 'RS384', kid: pool.idKey.kid }, pool.idClaims('customer'), pool.idKey.privateKey, 'RSA-SHA384')],
  ['a tampered payload', () => tamperPayload(pool.idToken('customer'))],
  ['a tampered signature', () => tamperSignature(pool.idToken('customer'))],
  ['the signature of another token', () => {
    const [head, payload] = pool.idToken('admin').split('.');
    return `${head}.${payload}.${pool.idToken('customer').split('.')[2]}`;
  }],
  ['an empty signature', () => `${pool.idToken('customer').split('.').slice(0, 2).join('.')}.`],
  ['an expired token', () => pool.idToken('customer', { iat: now() - 7200, exp: now() - 3600 })],
  ['a token expiring a second ago', () => pool.idToken('customer', { exp: now() - 1 })],
  ['exp as a numeric string', () => pool.idToken('customer', { exp: String(now() + 3600) })],
  ['nbf in the future', () => pool.idToken('customer', { nbf: now() + 600 })],
  ['a wrong issuer', () => pool.idToken('customer', { iss: 'https://evil.example.com/us-east-1_TestPool1' })],
  ['another pool\'s issuer', () => pool.idToken('customer', { iss: otherPool.issuer })],
  ['an issuer with a trailing slash', () => pool.idToken('customer', { iss: `${pool.issuer}/` })],
  ['an issuer in upper case', () => pool.idToken('customer', { iss: pool.issuer.toUpperCase() })],
  ['an http issuer', () => pool.idToken('customer', { iss: pool.issuer.replace('https:', 'http:') })],
  ['a wrong aud on an ID token', () => pool.idToken('customer', { aud: 'someotherclient' })],
  ['an ID token without aud', () => idSigned(withoutClaim(pool.idClaims('customer'), 'aud'))],
  ['a wrong client_id on an access token', () => pool.accessToken('agent', { client_id: 'someotherclient' })],
  ['an access token without client_id', () => accessSigned(withoutClaim(pool.accessClaims('agent'), 'client_id'))],
  ['an access token with aud instead of client_id', () => accessSigned({ ...withoutClaim(pool.accessClaims('agent'), 'client_id'), aud: pool.clientId })],
  ['a missing token_use', () => idSigned(withoutClaim(pool.idClaims('customer'), 'token_use'))],
  ['an unknown token_use', () => pool.idToken('customer', { token_use: 'refresh' })],
  ['token_use in upper case', () => pool.idToken('customer', { token_use: 'ID' })],
  ['an unknown kid', () => signJwt({ kid: 'no-such-kid', alg: 'RS256' }, pool.idClaims('customer'), pool.idKey.privateKey)],
  ['no kid at all', () => signJwt({ alg: 'RS256' }, pool.idClaims('customer'), pool.idKey.privateKey)],
  ['a known kid but signed by another key', () => signJwt(header, pool.idClaims('admin'), strangerKey.privateKey)],
  ['a token of another pool signed by that pool', () => otherPool.idToken('admin')],
  ['another pool\'s claims signed with a known kid by that pool\'s key', () =>
    signJwt({ kid: pool.idKey.kid, alg: 'RS256' }, otherPool.idClaims('admin'), otherPool.idKey.privateKey)],
  ['a verified signature without sub', () => idSigned(withoutClaim(pool.idClaims('customer'), 'sub'))],
  ['an access token without username', () => accessSigned(withoutClaim(pool.accessClaims('agent'), 'username'))],
  ['a 1 MB token', () => `${pool.idToken('customer')}${'A'.repeat(1024 * 1024)}`],
  ['a 1 MB claim in a validly signed token', () => pool.idToken('customer', { padding: 'x'.repeat(1024 * 1024) })],
  ['a number instead of a string', () => 12345],
  ['null', () => null],
  ['undefined', () => undefined],
  ['an object', () => ({ token: pool.idToken('customer') })],
];

describe('Authorizer: refuses bad tokens', () => {
  let handler: Handler;
  let jwksServer: LocalJwksServer;

  beforeAll(async () => {
    // The JWKS is preloaded; an unknown kid still makes the verifier fetch, from this server.
    jwksServer = await startLocalJwksServer({ kind: 'serve', jwks: pool.jwks });
    const config = readConfig({ USER_POOL_ID: pool.userPoolId, APP_CLIENT_ID: pool.clientId });
    const verifier = createVerifier(config, { inner: jwksServer.fetcher });
    verifier.cacheJwks(pool.jwks);
    handler = createAuthorizer({ verifier, machineClientIds: config.machineClientIds, ttlSeconds: config.ttlSeconds, logger: createLogger() });
  });

  afterAll(async () => {
    await jwksServer.close();
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('has at least 30 cases', () => {
    expect(BAD_TOKENS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(BAD_TOKENS)('refuses %s without throwing', async (_name, makeToken) => {
    // Prepare
    const token = makeToken();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});

    // Act
    const answer = await handler(authorizerEvent(token));

    // Assess
    expect(answer).toEqual({ isAuthorized: false });
    expect(log).toHaveBeenCalledTimes(1);
    const line = JSON.parse(String(log.mock.calls[0]?.[0])) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'WARN', message: 'Token refused' });
    expect(typeof line.errorClass).toBe('string');
  });

  it('refuses an event without authorizationToken, and no event at all', async () => {
    // Act
    const answers = await Promise.all([handler({}), handler(undefined as never)]);

    // Assess
    expect(answers).toEqual([{ isAuthorized: false }, { isAuthorized: false }]);
  });
});
