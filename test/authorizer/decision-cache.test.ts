import { describe, expect, it } from 'vitest';
import { createAuthorizer, type TokenVerifier } from '../../authorizer/authorizer.ts';
import { readConfig } from '../../authorizer/config.ts';
import { createDecisionCache, type DecisionCache } from '../../authorizer/decision-cache.ts';
import { createLogger } from '../../authorizer/logger.ts';
import { createVerifier } from '../../authorizer/verifier.ts';
import { base64url, createTestPool } from '../helpers/cognito-tokens.ts';
import { authorizerEvent } from './load-handler.ts';

const pool = createTestPool();

/** The real verifier, wrapped to count how often verification actually runs. */
function countingVerifier(): TokenVerifier & { calls: number } {
  const verifier = createVerifier(readConfig({ USER_POOL_ID: pool.userPoolId, APP_CLIENT_ID: pool.clientId }));
  verifier.cacheJwks(pool.jwks);
  const counting = {
    calls: 0,
    verify(token: string) {
      counting.calls += 1;
      return verifier.verify(token);
    },
  };
  return counting;
}

/** Sets `token` twice: the cache admits a token the second time it is decided. */
function admit<T>(cache: DecisionCache<T>, token: string, value: T, exp: number): void {
  cache.set(token, value, exp);
  cache.set(token, value, exp);
}

describe('Authorizer: decision cache', () => {
  it('verifies a token the first two times it is presented and answers it from memory after', async () => {
    // Prepare
    const verifier = countingVerifier();
    const authorize = createAuthorizer({ verifier, machineClientIds: [], ttlSeconds: 300, logger: createLogger(() => {}) });
    const token = pool.idToken('agent');

    // Act
    const first = await authorize(authorizerEvent(token));
    const second = await authorize(authorizerEvent(token));
    const verifiedBeforeThird = verifier.calls;
    const third = await authorize(authorizerEvent(`Bearer ${token}`));

    // Assess
    expect(verifiedBeforeThird).toBe(2);
    expect(verifier.calls).toBe(2);
    expect([second, third]).toEqual([first, first]);
  });

  it('keeps nothing of a token decided once but a mark of its signature', () => {
    // Prepare
    const cache = createDecisionCache<string>({ maxEntries: 10, ttlSeconds: 300, now: () => 0 });

    // Act
    cache.set('header.payload.signature', 'decision', 3600);

    // Assess
    expect(cache.get('header.payload.signature')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('misses for a token whose payload was tampered with but whose signature was kept', async () => {
    // Prepare
    const verifier = countingVerifier();
    const authorize = createAuthorizer({ verifier, machineClientIds: [], ttlSeconds: 300, logger: createLogger(() => {}) });
    const token = pool.idToken('customer');
    const [head, , signature] = token.split('.');
    const tampered = `${head}.${base64url(JSON.stringify({ ...pool.idClaims('customer'), 'cognito:groups': ['admins'] }))}.${signature}`;
    await authorize(authorizerEvent(token));
    await authorize(authorizerEvent(token));

    // Act
    const answer = await authorize(authorizerEvent(tampered));

    // Assess
    expect(answer).toEqual({ isAuthorized: false });
    expect(verifier.calls).toBe(3);
  });

  it('never answers from memory for a token that has expired since it was cached', async () => {
    // Prepare
    let nowMs = Math.floor(Date.now() / 1000) * 1000;
    const verifier = countingVerifier();
    const authorize = createAuthorizer({ verifier, machineClientIds: [], ttlSeconds: 300, logger: createLogger(() => {}), now: () => nowMs });
    const exp = Math.floor(nowMs / 1000) + 60;
    const token = pool.idToken('customer', { exp });
    const first = await authorize(authorizerEvent(token));
    await authorize(authorizerEvent(token));

    // Act: the cache's clock passes exp; the verifier (on the real clock) would still accept it,
    // so only the cache's own expiry can refuse to serve it.
    nowMs = exp * 1000;
    const afterExp = await authorize(authorizerEvent(token));

    // Assess
    expect(first.ttlOverride).toBe(60);
    expect(verifier.calls).toBe(3);
    expect(afterExp.ttlOverride).toBe(0);
  });

  it('shrinks the ttlOverride of a cached decision as its token ages', async () => {
    // Prepare
    let nowMs = Math.floor(Date.now() / 1000) * 1000;
    const verifier = countingVerifier();
    const authorize = createAuthorizer({ verifier, machineClientIds: [], ttlSeconds: 300, logger: createLogger(() => {}), now: () => nowMs });
    const exp = Math.floor(nowMs / 1000) + 100;
    const token = pool.idToken('customer', { exp });
    await authorize(authorizerEvent(token));
    await authorize(authorizerEvent(token));

    // Act
    nowMs += 70_000;
    const later = await authorize(authorizerEvent(token));

    // Assess
    expect(verifier.calls).toBe(2);
    expect(later.ttlOverride).toBe(30);
  });

  it('expires an entry at the configured TTL even when the token lives longer', () => {
    // Prepare
    let nowMs = 1_000_000;
    const cache = createDecisionCache<string>({ maxEntries: 10, ttlSeconds: 5, now: () => nowMs });
    admit(cache, 'token', 'decision', nowMs / 1000 + 3600);

    // Act
    const before = cache.get('token');
    nowMs += 5_000;
    const after = cache.get('token');

    // Assess
    expect(before).toBe('decision');
    expect(after).toBeUndefined();
  });

  it('keeps at most maxEntries, evicting the oldest', () => {
    // Prepare
    const cache = createDecisionCache<number>({ maxEntries: 3, ttlSeconds: 60, now: () => 0 });

    // Act
    for (const index of [1, 2, 3, 4, 5]) admit(cache, `token-${index}`, index, 3600);

    // Assess
    expect(cache.size).toBe(3);
    expect(['token-1', 'token-2', 'token-3', 'token-4', 'token-5'].map((token) => cache.get(token))).toEqual([
      undefined,
      undefined,
      3,
      4,
      5,
    ]);
  });

  it('caches nothing with a TTL of 0 or a token without exp', () => {
    // Prepare
    const noTtl = createDecisionCache<string>({ maxEntries: 10, ttlSeconds: 0, now: () => 0 });
    const noExp = createDecisionCache<string>({ maxEntries: 10, ttlSeconds: 300, now: () => 0 });

    // Act
    admit(noTtl, 'token', 'decision', 3600);
    admit(noExp, 'token', 'decision', Number.NaN);

    // Assess
    expect([noTtl.size, noExp.size]).toEqual([0, 0]);
  });

  it('misses for a token that keeps a cached signature under another payload, and keeps the original', () => {
    // Prepare
    const cache = createDecisionCache<string>({ maxEntries: 10, ttlSeconds: 300, now: () => 0 });
    const token = pool.idToken('customer');
    const [head, , signature] = token.split('.');
    const tampered = `${head}.${base64url(JSON.stringify({ ...pool.idClaims('customer'), 'cognito:groups': ['admins'] }))}.${signature}`;
    admit(cache, token, 'customer', 3600);

    // Act
    const forTampered = cache.get(tampered);
    const forOriginal = cache.get(token);

    // Assess
    expect(forTampered).toBeUndefined();
    expect(forOriginal).toBe('customer');
  });

  it('never answers past the token\'s exp, even within the TTL', () => {
    // Prepare
    let nowMs = 1_000_000;
    const cache = createDecisionCache<string>({ maxEntries: 10, ttlSeconds: 300, now: () => nowMs });
    admit(cache, 'token', 'decision', nowMs / 1000 + 10);

    // Act
    nowMs += 9_999;
    const before = cache.get('token');
    nowMs += 1;
    const atExp = cache.get('token');

    // Assess
    expect(before).toBe('decision');
    expect(atExp).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps the newest maxEntries through many rounds of eviction, expired entries included', () => {
    // Prepare
    let nowMs = 0;
    const cache = createDecisionCache<number>({ maxEntries: 7, ttlSeconds: 60, now: () => nowMs });
    const tokens = Array.from({ length: 100 }, (_, index) => `header.payload.signature-${index}`);

    // Act: expire some along the way, so that the ring holds gaps when it wraps.
    for (const [index, token] of tokens.entries()) {
      admit(cache, token, index, 3600);
      if (index % 5 === 0) {
        nowMs += 61_000;
        cache.get(token);
      }
    }

    // Assess
    expect(cache.size).toBeLessThanOrEqual(7);
    expect(tokens.slice(-4).map((token) => cache.get(token))).toEqual([96, 97, 98, 99]);
    expect(tokens.slice(0, 90).every((token) => cache.get(token) === undefined)).toBe(true);
  });

  it('keeps at most maxTokenChars characters of tokens, evicting the oldest, and none longer than that', () => {
    // Prepare
    const cache = createDecisionCache<number>({ maxEntries: 100, maxTokenChars: 100, ttlSeconds: 60, now: () => 0 });
    const token = (index: number) => `h.p.${String(index).padStart(36, '0')}`;

    // Act: 40 characters each, so two fit; then one longer than the whole budget.
    for (const index of [1, 2, 3]) admit(cache, token(index), index, 3600);
    admit(cache, `h.p.${'x'.repeat(200)}`, 4, 3600);

    // Assess
    expect([1, 2, 3].map((index) => cache.get(token(index)))).toEqual([undefined, 2, 3]);
    expect(cache.get(`h.p.${'x'.repeat(200)}`)).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});
