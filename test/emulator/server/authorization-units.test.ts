/**
 * The pieces of AppSync's authorization step: reading the authorizer's answer, `deniedFields`
 * in both forms, and the answer cache's rules (TTL, 0, 1 MiB, bound).
 */
import { describe, expect, it } from 'vitest';
import { createAuthorizationCache } from '../../../emulator/auth/authorization-cache.ts';
import { readAuthorizerAnswer, type AuthorizerDecision } from '../../../emulator/auth/authorizer-answer.ts';
import { invokeAuthorizer } from '../../../emulator/auth/authorizer-host.ts';
import { deniedFieldSet } from '../../../emulator/graphql/denied-fields.ts';

const ALLOWED: AuthorizerDecision = { isAuthorized: true, resolverContext: { sub: 's' }, deniedFields: [], ttlOverride: null };

describe('Emulator: authorization step', () => {
  it('reads an answer, stringifying flat numbers and booleans', () => {
    // Act
    const answer = readAuthorizerAnswer({ isAuthorized: true, resolverContext: { sub: 'x', n: 1, ok: true }, deniedFields: ['Ticket.internalNotes', 7], ttlOverride: 30 });

    // Assess
    expect(answer).toEqual({ isAuthorized: true, resolverContext: { sub: 'x', n: '1', ok: 'true' }, deniedFields: ['Ticket.internalNotes'], ttlOverride: 30 });
  });

  it.each([
    ['an empty answer', {}],
    ['a truthy non-boolean', { isAuthorized: 'true' }],
    ['a nested resolverContext', { isAuthorized: true, resolverContext: { groups: ['agents'] } }],
    ['null', null],
    ['a string', 'yes'],
  ])('treats %s as a refusal', (_name, raw) => {
    // Act
    const answer = readAuthorizerAnswer(raw);

    // Assess
    expect(answer.isAuthorized).toBe(false);
  });

  it('reads deniedFields as Type.field or field ARNs, and ignores anything else', () => {
    // Act
    const denied = deniedFieldSet([
      'Ticket.internalNotes',
      'arn:aws:appsync:us-east-1:123456789012:apis/abc123/types/Mutation/fields/deleteTicket',
      'Ticket.*',
      'internalNotes',
      42,
    ]);

    // Assess
    expect([...denied].sort()).toEqual(['Mutation.deleteTicket', 'Ticket.internalNotes']);
  });

  it('caches for ttlOverride, else the configured TTL, and not at all for 0 or 1 MiB answers', async () => {
    // Prepare
    let now = 0;
    const cache = createAuthorizationCache({ ttlSeconds: 300, now: () => now });
    let calls = 0;
    const invoke = (decision: AuthorizerDecision, size = 10) => async () => {
      calls += 1;
      return { decision, size };
    };

    // Act
    await cache.decide('short', invoke({ ...ALLOWED, ttlOverride: 5 }));
    await cache.decide('short', invoke({ ...ALLOWED, ttlOverride: 5 }));
    now = 5_000;
    await cache.decide('short', invoke({ ...ALLOWED, ttlOverride: 5 }));
    const shortCalls = calls;
    calls = 0;
    await cache.decide('default', invoke(ALLOWED));
    now += 299_000;
    await cache.decide('default', invoke(ALLOWED));
    const defaultCalls = calls;
    calls = 0;
    await cache.decide('zero', invoke({ ...ALLOWED, ttlOverride: 0 }));
    await cache.decide('zero', invoke({ ...ALLOWED, ttlOverride: 0 }));
    await cache.decide('huge', invoke(ALLOWED, 1024 * 1024));
    await cache.decide('huge', invoke(ALLOWED, 1024 * 1024));

    // Assess
    expect(shortCalls).toBe(2);
    expect(defaultCalls).toBe(1);
    expect(calls).toBe(4);
  });

  it('keeps at most maxEntries answers, dropping the oldest', async () => {
    // Prepare
    const cache = createAuthorizationCache({ ttlSeconds: 300, now: () => 0, maxEntries: 2 });
    let calls = 0;
    const invoke = async () => {
      calls += 1;
      return { decision: ALLOWED, size: 1 };
    };

    // Act
    for (const token of ['a', 'b', 'c', 'b', 'c', 'a']) await cache.decide(token, invoke);

    // Assess
    expect(calls).toBe(4);
  });

  it('turns a throwing or hanging authorizer into a refusal', async () => {
    // Act
    const thrown = await invokeAuthorizer(async () => {
      throw new Error('boom');
    }, {});
    const hung = await invokeAuthorizer(() => new Promise(() => undefined), {}, 50);

    // Assess
    expect(thrown).toEqual({ answer: null, size: 0 });
    expect(hung).toEqual({ answer: null, size: 0 });
  });
});
