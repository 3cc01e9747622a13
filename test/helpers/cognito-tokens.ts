/**
 * Real RS256 Cognito-shaped tokens for tests, signed with keys generated in the test process.
 * ID and access tokens are signed with different keys, as Cognito does; their claims are those
 * `docs/cognito.md` ("Tokens") lists for each token.
 */
import { createHmac, createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';

/** A JWK as published in a JWKS. */
export interface PublicJwk {
  [claim: string]: string;
  kty: string;
  kid: string;
  alg: string;
  use: string;
  n: string;
  e: string;
}

/** A signing key with its public JWK. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly jwk: PublicJwk;
}

/** The emulator's seeded users (`emulator/seed-users.json`), by their role in the tests. */
export type Persona = 'customer' | 'other' | 'agent' | 'admin' | 'unverified';

/** Claims of each persona, as Cognito holds them. */
export const PERSONAS: Readonly<Record<Persona, { email: string; emailVerified: boolean; groups: readonly string[] }>> = {
  customer: { email: 'customer@example.com', emailVerified: true, groups: [] },
  other: { email: 'other@example.com', emailVerified: true, groups: [] },
  agent: { email: 'agent@example.com', emailVerified: true, groups: ['agents'] },
  admin: { email: 'admin@example.com', emailVerified: true, groups: ['admins'] },
  unverified: { email: 'unverified@example.com', emailVerified: false, groups: [] },
};

/** base64url of a string or bytes. */
export function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

/** Generates an RSA-2048 key pair and its JWK. */
export function createSigningKey(kid: string = randomUUID()): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const exported = publicKey.export({ format: 'jwk' });
  return {
    kid,
    privateKey,
    publicKey,
    jwk: { kty: 'RSA', kid, alg: 'RS256', use: 'sig', n: String(exported.n), e: String(exported.e) },
  };
}

/** Signs a JWT with RS256 (or another RSA algorithm) from any header and payload. */
export function signJwt(header: Record<string, unknown>, payload: unknown, key: KeyObject, algorithm = 'RSA-SHA256'): string {
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = createSign(algorithm).update(signingInput).sign(key);
  return `${signingInput}.${base64url(signature)}`;
}

/** Signs a JWT with HMAC-SHA256 using `secret`, the classic algorithm-confusion attack. */
export function signHs256(header: Record<string, unknown>, payload: unknown, secret: string | Buffer): string {
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  return `${signingInput}.${base64url(createHmac('sha256', secret).update(signingInput).digest())}`;
}

/** Options of a test user pool. */
export interface TestPoolOptions {
  readonly userPoolId?: string;
  readonly clientId?: string;
  readonly region?: string;
}

/** A user pool's keys and token minting, for tests. */
export interface TestPool {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly issuer: string;
  readonly idKey: SigningKey;
  readonly accessKey: SigningKey;
  readonly jwks: { keys: PublicJwk[] };
  /** Cognito ID token claims for a persona (`now` in seconds). */
  idClaims(persona: Persona, now?: number): Record<string, unknown>;
  /** Cognito access token claims for a persona; `withEmail` mimics the V2 trigger. */
  accessClaims(persona: Persona, options?: { now?: number; withEmail?: boolean }): Record<string, unknown>;
  /** An ID token; `claims` are merged over the persona's. */
  idToken(persona: Persona, claims?: Record<string, unknown>): string;
  /** An access token; `claims` are merged over the persona's. */
  accessToken(persona: Persona, claims?: Record<string, unknown>, options?: { withEmail?: boolean }): string;
  /**
   * Claims of a client-credentials (machine-to-machine) access token as Cognito mints them: no
   * `username`, `cognito:groups`, `email`, `origin_jti` or `event_id`; `sub` is the client id.
   */
  machineClaims(clientId: string, scopes: readonly string[], now?: number): Record<string, unknown>;
  /** A machine's access token, signed with the access-token key; `claims` are merged over it. */
  machineToken(clientId: string, scopes: readonly string[], claims?: Record<string, unknown>): string;
}

const SUBS: Record<Persona, string> = {
  customer: '11111111-1111-4111-8111-111111111111',
  other: '22222222-2222-4222-8222-222222222222',
  agent: '33333333-3333-4333-8333-333333333333',
  admin: '44444444-4444-4444-8444-444444444444',
  unverified: '55555555-5555-4555-8555-555555555555',
};

/**
 * Creates a test pool with fresh ID and access keys.
 *
 * @example
 * const pool = createTestPool();
 * const token = pool.idToken('customer');
 */
export function createTestPool(options: TestPoolOptions = {}): TestPool {
  const region = options.region ?? 'us-east-1';
  const userPoolId = options.userPoolId ?? `${region}_TestPool1`;
  const clientId = options.clientId ?? 'testclient1234567890abcdef';
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
  const idKey = createSigningKey();
  const accessKey = createSigningKey();
  const seconds = () => Math.floor(Date.now() / 1000);

  const common = (persona: Persona, now: number) => ({
    sub: SUBS[persona],
    ...(PERSONAS[persona].groups.length > 0 ? { 'cognito:groups': [...PERSONAS[persona].groups] } : {}),
    iss: issuer,
    origin_jti: randomUUID(),
    event_id: randomUUID(),
    auth_time: now,
    iat: now,
    exp: now + 3600,
    jti: randomUUID(),
  });
  const idClaims = (persona: Persona, now = seconds()) => ({
    ...common(persona, now),
    email_verified: PERSONAS[persona].emailVerified,
    'cognito:username': SUBS[persona],
    aud: clientId,
    token_use: 'id',
    email: PERSONAS[persona].email,
  });
  const accessClaims = (persona: Persona, opts: { now?: number; withEmail?: boolean } = {}) => ({
    ...common(persona, opts.now ?? seconds()),
    client_id: clientId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    username: SUBS[persona],
    ...(opts.withEmail && PERSONAS[persona].emailVerified ? { email: PERSONAS[persona].email, email_verified: true } : {}),
  });

  const machineClaims = (machineClientId: string, scopes: readonly string[], now = seconds()) => ({
    sub: machineClientId,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: now,
    iss: issuer,
    exp: now + 3600,
    iat: now,
    version: 2,
    jti: randomUUID(),
    client_id: machineClientId,
  });

  return {
    userPoolId,
    clientId,
    issuer,
    idKey,
    accessKey,
    jwks: { keys: [idKey.jwk, accessKey.jwk] },
    idClaims,
    accessClaims,
    idToken: (persona, claims = {}) =>
      signJwt({ kid: idKey.kid, alg: 'RS256' }, { ...idClaims(persona), ...claims }, idKey.privateKey),
    accessToken: (persona, claims = {}, opts = {}) =>
      signJwt({ kid: accessKey.kid, alg: 'RS256' }, { ...accessClaims(persona, opts), ...claims }, accessKey.privateKey),
    machineClaims,
    machineToken: (machineClientId, scopes, claims = {}) =>
      signJwt({ kid: accessKey.kid, alg: 'RS256' }, { ...machineClaims(machineClientId, scopes), ...claims }, accessKey.privateKey),
  };
}
