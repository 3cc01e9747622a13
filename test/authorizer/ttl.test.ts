import { describe, expect, it } from 'vitest';
import { createAuthorizer, decisionTtl } from '../../authorizer/authorizer.ts';
import { createLogger } from '../../authorizer/logger.ts';
import { createVerifier } from '../../authorizer/verifier.ts';
import { readConfig } from '../../authorizer/config.ts';
import { createTestPool } from '../helpers/cognito-tokens.ts';
import { authorizerEvent } from './load-handler.ts';

describe('Authorizer: ttlOverride', () => {
  it.each([
    // [configured TTL, seconds the token has left, expected ttlOverride]
    [300, 3600, 300],
    [300, 120, 120],
    [300, 0.5, 0],
    [300, 0, 0],
    [300, -30, 0],
    [0, 3600, 0],
    [3600, 3599.9, 3599],
  ])('with a TTL of %ss and %ss left on the token, is %s', (ttl, left, expected) => {
    // Prepare
    const nowMs = 1_800_000_000_000;

    // Act
    const result = decisionTtl(ttl, nowMs / 1000 + left, nowMs);

    // Assess
    expect(result).toBe(expected);
  });

  it('is 0 when exp is missing or not a number', () => {
    expect([decisionTtl(300, undefined, 0), decisionTtl(300, '9999999999', 0), decisionTtl(300, Number.NaN, 0)]).toEqual([0, 0, 0]);
  });

  it('is never negative nor beyond the token lifetime or the TTL, for any exp and TTL', () => {
    // Prepare
    const nowMs = Date.now();
    const cases = Array.from({ length: 2000 }, (_, index) => ({
      ttl: index % 3601,
      left: ((index * 7919) % 8000) - 1000 + (index % 10) / 10,
    }));

    // Act
    const results = cases.map(({ ttl, left }) => ({ ttl, left, result: decisionTtl(ttl, nowMs / 1000 + left, nowMs) }));

    // Assess
    for (const { ttl, left, result } of results) {
      expect(result).toBeGreaterThanOrEqual(0);
      expect(result).toBeLessThanOrEqual(ttl);
      expect(result).toBeLessThanOrEqual(Math.max(0, left));
      expect(Number.isInteger(result)).toBe(true);
    }
  });

  it('cuts the TTL to the remaining lifetime of a real token', async () => {
    // Prepare
    const pool = createTestPool();
    const config = readConfig({ USER_POOL_ID: pool.userPoolId, APP_CLIENT_ID: pool.clientId, AUTH_TTL_SECONDS: '300' });
    const verifier = createVerifier(config);
    verifier.cacheJwks(pool.jwks);
    const handler = createAuthorizer({ verifier, machineClientIds: config.machineClientIds, ttlSeconds: config.ttlSeconds, logger: createLogger(() => {}) });
    const exp = Math.floor(Date.now() / 1000) + 42;

    // Act
    const shortLived = await handler(authorizerEvent(pool.idToken('customer', { exp })));
    const longLived = await handler(authorizerEvent(pool.idToken('customer')));

    // Assess
    expect(shortLived.ttlOverride).toBeGreaterThanOrEqual(40);
    expect(shortLived.ttlOverride).toBeLessThanOrEqual(42);
    expect(longLived.ttlOverride).toBe(300);
  });
});
