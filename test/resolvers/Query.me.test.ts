import { describe, expect, it } from 'vitest';
import { makeContext } from './make-context.ts';
import { runHandler } from './run-bundle.ts';

const BUNDLE = 'Query.me.js';

describe('Resolver: Query.me', () => {
  it('answers from the ID token identity, with no data source call', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.me', persona: 'agent' });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toEqual({
      payload: {
        kind: 'USER',
        sub: '33333333-3333-4333-8333-333333333333',
        username: 'agent',
        clientId: 'localdevclient',
        email: 'agent@example.com',
        emailVerified: true,
        groups: ['agents'],
        scopes: [],
        tokenUse: 'ID',
      },
    });
  });

  it('reports an access token without email as ACCESS with a null email', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.me', persona: 'customer', token: 'access' });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expect(outcome.result).toEqual({
      payload: {
        kind: 'USER',
        sub: '11111111-1111-4111-8111-111111111111',
        username: 'customer',
        clientId: 'localdevclient',
        email: null,
        emailVerified: false,
        groups: [],
        scopes: ['aws.cognito.signin.user.admin'],
        tokenUse: 'ACCESS',
      },
    });
  });

  it('returns the NONE data source result as it is', async () => {
    // Prepare
    const identity = { sub: 's', username: 'u', email: null, emailVerified: false, groups: [], tokenUse: 'ACCESS' };
    const ctx = makeContext({ field: 'Query.me', persona: 'customer', result: identity });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expect(outcome.result).toEqual(identity);
  });
});
