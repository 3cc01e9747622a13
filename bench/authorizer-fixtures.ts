/**
 * What the authorizer benchmarks run on: a test user pool (the suite's own token minting, with
 * keys generated here), unique pre-minted tokens, and the authorizer composed exactly as
 * `authorizer/index.ts` composes it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { createAuthorizer, type AuthorizerAnswer, type AuthorizerEvent, type TokenVerifier } from '../authorizer/authorizer.ts';
import { readConfig, type AuthorizerConfig } from '../authorizer/config.ts';
import type { Logger } from '../authorizer/logger.ts';
import { createVerifier, readJwksFile, type Verifier } from '../authorizer/verifier.ts';
import { createTestPool, type Persona, type TestPool } from '../test/helpers/cognito-tokens.ts';

/** A handler under test: AppSync's event in, a decision out. */
export type Handler = (event: AuthorizerEvent) => Promise<AuthorizerAnswer>;

/** A minted token, with the public key that verifies it (for the `crypto.verify` floor). */
export interface BenchToken {
  readonly token: string;
  readonly publicKey: KeyObject;
}

/** The pool, its JWKS on disk, and the authorizer configuration that accepts its tokens. */
export interface AuthorizerFixture {
  readonly pool: TestPool;
  readonly jwksFile: string;
  /** The environment `authorizer/index.ts` reads. */
  readonly env: Readonly<Record<string, string>>;
  readonly config: AuthorizerConfig;
}

const PERSONAS: readonly Persona[] = ['customer', 'other', 'agent', 'admin', 'unverified'];

/** Creates a pool with fresh keys and writes its JWKS where `JWKS_FILE` will point. */
export function createAuthorizerFixture(dir: string = mkdtempSync(join(tmpdir(), 'bench-authorizer-'))): AuthorizerFixture {
  const pool = createTestPool();
  const jwksFile = join(dir, 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify(pool.jwks));
  const env = { USER_POOL_ID: pool.userPoolId, APP_CLIENT_ID: pool.clientId, AUTH_TTL_SECONDS: '300', JWKS_FILE: jwksFile };
  return { pool, jwksFile, env, config: readConfig(env) };
}

/**
 * Mints `count` distinct tokens, half ID and half access tokens, cycling through the personas
 * (each carries a random `jti`, so no two are equal). RSA signing costs about 1 ms each: mint
 * before timing.
 */
export function mintTokens(pool: TestPool, count: number): BenchToken[] {
  return Array.from({ length: count }, (_, index) => {
    const persona = PERSONAS[Math.floor(index / 2) % PERSONAS.length] as Persona;
    return index % 2 === 0
      ? { token: pool.idToken(persona), publicKey: pool.idKey.publicKey }
      : { token: pool.accessToken(persona), publicKey: pool.accessKey.publicKey };
  });
}

/** AppSync's authorizer event for a token. */
export function eventFor(token: string): AuthorizerEvent {
  return {
    authorizationToken: token,
    requestContext: {
      apiId: 'benchapi',
      accountId: '111122223333',
      requestId: 'bench',
      queryString: '{ me { sub } }',
      variables: {},
    },
    requestHeaders: { authorization: token },
  };
}

/** A logger that keeps refusals quiet (a benchmark counts them instead of printing them). */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The verifier of `authorizer/index.ts`: created from the configuration, keys from `JWKS_FILE`. */
export function createBenchVerifier(fixture: AuthorizerFixture): Verifier {
  const verifier = createVerifier(fixture.config);
  verifier.cacheJwks(readJwksFile(fixture.jwksFile));
  return verifier;
}

/**
 * The handler as `authorizer/index.ts` builds it. `cacheEntries: 0` turns the per-token
 * decision cache off, so that every decision verifies; the default keeps it, as deployed.
 */
export function createBenchHandler(
  fixture: AuthorizerFixture,
  options: { readonly cacheEntries?: number; readonly verifier?: TokenVerifier } = {},
): Handler {
  return createAuthorizer({
    verifier: options.verifier ?? createBenchVerifier(fixture),
    machineClientIds: fixture.config.machineClientIds,
    ttlSeconds: fixture.config.ttlSeconds,
    logger: silentLogger,
    ...(options.cacheEntries === undefined ? {} : { cacheEntries: options.cacheEntries }),
  });
}
