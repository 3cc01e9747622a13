import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuthorizer } from '../../authorizer/authorizer.ts';
import { readConfig } from '../../authorizer/config.ts';
import { createLogger } from '../../authorizer/logger.ts';
import { createVerifier } from '../../authorizer/verifier.ts';
import { createSigningKey, createTestPool, signJwt } from '../helpers/cognito-tokens.ts';
import { startLocalJwksServer, type LocalJwksServer } from '../helpers/local-jwks-server.ts';
import { authorizerEvent } from './load-handler.ts';

const TIMEOUT_MS = 300;
const INTERVAL_MS = 200;
/** Generous bound on a refusal while the JWKS is unavailable: the fetch deadline plus slack. */
const BOUND_MS = TIMEOUT_MS + 1_500;

const pool = createTestPool();
const config = readConfig({ USER_POOL_ID: pool.userPoolId, APP_CLIENT_ID: pool.clientId });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Authorizer: JWKS faults (JWKS served from 127.0.0.1)', () => {
  let server: LocalJwksServer;

  beforeAll(async () => {
    server = await startLocalJwksServer({ kind: 'serve', jwks: pool.jwks });
  });

  beforeEach(() => {
    server.behave({ kind: 'serve', jwks: pool.jwks });
  });

  afterAll(async () => {
    await server.close();
  });

  /** A cold authorizer with nothing cached, fetching from the local server. */
  function coldAuthorizer(jwksMaxAgeMs?: number) {
    const verifier = createVerifier(config, {
      inner: server.fetcher,
      timeoutMs: TIMEOUT_MS,
      minIntervalMs: INTERVAL_MS,
      jwksMaxAgeMs,
    });
    // No decision cache: these tests are about keys, and a cached decision would hide them.
    return createAuthorizer({ verifier, machineClientIds: [], ttlSeconds: 300, logger: createLogger(() => {}), cacheEntries: 0 });
  }

  async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const started = performance.now();
    const value = await work();
    return { value, ms: performance.now() - started };
  }

  it.each([
    ['answers 500', { kind: 'status', status: 500 }],
    ['answers 503', { kind: 'status', status: 503 }],
    ['hangs', { kind: 'hang' }],
    ['serves malformed JSON', { kind: 'malformed' }],
    ['serves a document that is not a JWKS', { kind: 'serve', jwks: { hello: 'world' } }],
  ] as const)('refuses, without caching the refusal, while the JWKS endpoint %s, and accepts once it is back', async (_name, fault) => {
    // Prepare
    const authorize = coldAuthorizer();
    const token = pool.idToken('customer');
    server.behave(fault);

    // Act
    const during = await timed(() => authorize(authorizerEvent(token)));
    server.behave({ kind: 'serve', jwks: pool.jwks });
    await pause(INTERVAL_MS + 50);
    const after = await authorize(authorizerEvent(token));

    // Assess
    expect(during.value).toEqual({ isAuthorized: false, ttlOverride: 0 });
    expect(during.ms).toBeLessThan(BOUND_MS);
    expect(after.isAuthorized).toBe(true);
  });

  it('accepts a token signed with a rotated-in key by fetching the new JWKS', async () => {
    // Prepare
    const authorize = coldAuthorizer();
    await authorize(authorizerEvent(pool.idToken('customer')));
    const newKey = createSigningKey();
    server.behave({ kind: 'serve', jwks: { keys: [...pool.jwks.keys, newKey.jwk] } });
    await pause(INTERVAL_MS + 50);
    const token = signJwt({ kid: newKey.kid, alg: 'RS256' }, pool.idClaims('agent'), newKey.privateKey);

    // Act
    const answer = await authorize(authorizerEvent(token));

    // Assess
    expect(answer.isAuthorized).toBe(true);
    expect(answer.resolverContext?.groups).toBe('["agents"]');
  });

  it('refuses a rotated-in key while the endpoint fails, then accepts it once it recovers', async () => {
    // Prepare
    const authorize = coldAuthorizer();
    await authorize(authorizerEvent(pool.idToken('customer')));
    const newKey = createSigningKey();
    const token = signJwt({ kid: newKey.kid, alg: 'RS256' }, pool.idClaims('agent'), newKey.privateKey);
    await pause(INTERVAL_MS + 50);
    server.behave({ kind: 'status', status: 500 });

    // Act
    const during = await authorize(authorizerEvent(token));
    const knownKeyDuring = await authorize(authorizerEvent(pool.idToken('customer')));
    server.behave({ kind: 'serve', jwks: { keys: [...pool.jwks.keys, newKey.jwk] } });
    await pause(INTERVAL_MS + 50);
    const after = await authorize(authorizerEvent(token));

    // Assess
    expect(during).toEqual({ isAuthorized: false, ttlOverride: 0 });
    expect(knownKeyDuring.isAuthorized).toBe(true);
    expect(after.isAuthorized).toBe(true);
  });

  it('fetches at most once per interval while the endpoint fails, however many tokens arrive', async () => {
    // Prepare
    const authorize = coldAuthorizer();
    server.behave({ kind: 'status', status: 500 });
    const before = server.requests();
    const tokens = Array.from({ length: 50 }, () =>
      signJwt({ kid: createSigningKey.name + Math.random(), alg: 'RS256' }, pool.idClaims('customer'), pool.idKey.privateKey),
    );

    // Act
    const answers = await Promise.all(tokens.map((token) => authorize(authorizerEvent(token))));

    // Assess: SimpleFetcher-style retries are the inner fetcher's business; ours makes one attempt.
    expect(answers.every((answer) => !answer.isAuthorized)).toBe(true);
    expect(server.requests() - before).toBe(1);
  });

  it('stays responsive for known keys while the endpoint hangs', async () => {
    // Prepare
    const authorize = coldAuthorizer();
    await authorize(authorizerEvent(pool.idToken('customer')));
    await pause(INTERVAL_MS + 50);
    server.behave({ kind: 'hang' });
    const unknownKid = signJwt({ kid: 'rotated-key', alg: 'RS256' }, pool.idClaims('customer'), pool.idKey.privateKey);

    // Act
    const pendingUnknown = authorize(authorizerEvent(unknownKid));
    const known = await timed(() => authorize(authorizerEvent(pool.idToken('agent'))));
    const unknown = await pendingUnknown;

    // Assess
    expect(known.value.isAuthorized).toBe(true);
    expect(known.ms).toBeLessThan(TIMEOUT_MS);
    expect(unknown).toEqual({ isAuthorized: false, ttlOverride: 0 });
  });

  it('stops accepting a key the endpoint no longer publishes once the fetched keys expire', async () => {
    // Prepare
    const authorize = coldAuthorizer(400);
    const token = pool.accessToken('agent');
    const before = await authorize(authorizerEvent(token));
    server.behave({ kind: 'serve', jwks: { keys: [pool.idKey.jwk] } });

    // Act
    await pause(450);
    const after = await authorize(authorizerEvent(token));

    // Assess
    expect(before.isAuthorized).toBe(true);
    expect(after.isAuthorized).toBe(false);
  });

  it('keeps the keys it has when a refresh fails, so an outage does not lock everyone out', async () => {
    // Prepare
    const authorize = coldAuthorizer(400);
    const token = pool.accessToken('agent');
    await authorize(authorizerEvent(token));
    server.behave({ kind: 'status', status: 500 });

    // Act
    await pause(450);
    const during = await authorize(authorizerEvent(token));

    // Assess
    expect(during.isAuthorized).toBe(true);
  });
});
