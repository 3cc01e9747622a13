/**
 * What the authorizer benchmarks run on: a test user pool (the suite's own token minting, with
 * keys generated here), unique pre-minted tokens with every claim Cognito sets (users' ID and
 * access tokens, machines' client-credentials access tokens), the events Lambda hands the
 * function, and the authorizer composed from source as `authorizer/index.ts` composes it (for
 * the per-step breakdown; throughput figures run the built bundle, `deployed-authorizer.ts`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { createAuthorizer, type AuthorizerAnswer, type AuthorizerEvent, type TokenVerifier } from '../authorizer/authorizer.ts';
import { readConfig, type AuthorizerConfig } from '../authorizer/config.ts';
import type { Logger } from '../authorizer/logger.ts';
import { createVerifier, readJwksFile, type Verifier } from '../authorizer/verifier.ts';
import { SCOPES } from '../policy/index.ts';
import { createTestPool, type Persona, type TestPool } from '../test/helpers/cognito-tokens.ts';

/** A handler under test: AppSync's event in, a decision out. */
export type Handler = (event: AuthorizerEvent) => Promise<AuthorizerAnswer>;

/** Which of the three kinds of token the API accepts. */
export type BenchTokenKind = 'id' | 'access' | 'machine';

/** A minted token, with the public key that verifies it (for the `crypto.verify` floor). */
export interface BenchToken {
  readonly token: string;
  readonly kind: BenchTokenKind;
  readonly publicKey: KeyObject;
}

/** The pool, its JWKS on disk, and the authorizer configuration that accepts its tokens. */
export interface AuthorizerFixture {
  readonly pool: TestPool;
  readonly jwksFile: string;
  /** The environment `authorizer/index.ts` reads, as the stack sets it (decision cache on). */
  readonly env: Readonly<Record<string, string>>;
  /** The client-credentials app client in `MACHINE_CLIENT_IDS`. */
  readonly machineClientId: string;
  readonly config: AuthorizerConfig;
}

const PERSONAS: readonly Persona[] = ['customer', 'other', 'agent', 'admin', 'unverified'];
const MACHINE_CLIENT_ID = 'benchmachineclient0123456789';
// Machine callers hold one scope or all of them, as the stack's machine roles do.
const MACHINE_SCOPES: readonly (readonly string[])[] = [SCOPES.slice(0, 1), SCOPES];
// Of every five tokens: two ID tokens, two user access tokens, one machine token.
const KINDS: readonly BenchTokenKind[] = ['id', 'access', 'id', 'access', 'machine'];

/** Creates a pool with fresh keys and writes its JWKS where `JWKS_FILE` will point. */
export function createAuthorizerFixture(dir: string = mkdtempSync(join(tmpdir(), 'bench-authorizer-'))): AuthorizerFixture {
  const pool = createTestPool();
  const jwksFile = join(dir, 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify(pool.jwks));
  const env = {
    USER_POOL_ID: pool.userPoolId,
    APP_CLIENT_ID: pool.clientId,
    MACHINE_CLIENT_IDS: MACHINE_CLIENT_ID,
    AUTH_TTL_SECONDS: '300',
    JWKS_FILE: jwksFile,
  };
  return { pool, jwksFile, env, machineClientId: MACHINE_CLIENT_ID, config: readConfig(env) };
}

/**
 * Mints `count` distinct tokens with every claim Cognito sets (`origin_jti`, `event_id`, `jti`,
 * `auth_time`, and `scope` and `version` in access tokens): of every five, two ID tokens, two
 * user access tokens (cycling through the personas) and one machine's client-credentials access
 * token. Each carries a random `jti`, so no two are equal. RSA signing costs about 1 ms each:
 * mint before timing.
 */
export function mintTokens(fixture: AuthorizerFixture, count: number): BenchToken[] {
  const { pool } = fixture;
  return Array.from({ length: count }, (_, index) => {
    const kind = KINDS[index % KINDS.length] as BenchTokenKind;
    const persona = PERSONAS[Math.floor(index / KINDS.length) % PERSONAS.length] as Persona;
    if (kind === 'id') return { token: pool.idToken(persona), kind, publicKey: pool.idKey.publicKey };
    if (kind === 'access') return { token: pool.accessToken(persona, { version: 2 }), kind, publicKey: pool.accessKey.publicKey };
    const scopes = MACHINE_SCOPES[Math.floor(index / KINDS.length) % MACHINE_SCOPES.length] as readonly string[];
    return { token: pool.machineToken(fixture.machineClientId, scopes), kind, publicKey: pool.accessKey.publicKey };
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

/**
 * The events for `tokens` as the Lambda runtime receives them: JSON text, which it parses for
 * every invocation. Parsing one just before each decision gives the handler what Lambda gives
 * it: fresh strings (no hash computed by an earlier round) that die young unless kept.
 */
export function lambdaEventTexts(tokens: readonly string[]): string[] {
  return tokens.map((token) => JSON.stringify(eventFor(token)));
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
