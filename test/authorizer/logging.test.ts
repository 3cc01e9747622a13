import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSigningKey, createTestPool, signJwt } from '../helpers/cognito-tokens.ts';
import { authorizerEvent, loadHandler } from './load-handler.ts';

describe('Authorizer: logging', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('never writes any part of a token under test to the log', async () => {
    // Prepare
    const pool = createTestPool();
    const handler = await loadHandler(pool);
    const stranger = createSigningKey(pool.idKey.kid);
    const tokens = [
      pool.idToken('customer'),
      pool.accessToken('agent'),
      pool.idToken('customer', { exp: Math.floor(Date.now() / 1000) - 10 }),
      signJwt({ kid: pool.idKey.kid, alg: 'RS256' }, pool.idClaims('admin'), stranger.privateKey),
      pool.idToken('customer', { aud: 'wrong' }),
      'garbage-token-value',
    ];
    const lines: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      });
    }

    // Act
    for (const token of tokens) await handler(authorizerEvent(`Bearer ${token}`));

    // Assess: something was logged for each refusal, and no token segment appears in it.
    const output = lines.join('\n');
    expect(lines.length).toBe(4);
    for (const token of tokens) {
      for (const segment of token.split('.').filter((part) => part.length >= 8)) {
        expect(output).not.toContain(segment);
      }
    }
    expect(output).toMatch(/"tokenFingerprint":"[0-9a-f]{8}"/);
  });
});
