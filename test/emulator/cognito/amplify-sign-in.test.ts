import { Amplify } from 'aws-amplify';
import { fetchAuthSession, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToken, SEED_PASSWORD, servePool, type ServedPool } from './helpers.ts';

describe('Emulator: Cognito sign-in with Amplify v6', () => {
  let served: ServedPool;

  beforeAll(async () => {
    served = await servePool({ inMemory: true });
    Amplify.configure({
      Auth: { Cognito: { userPoolId: served.pool.userPoolId, userPoolClientId: served.pool.clientId, userPoolEndpoint: served.endpoint } },
    });
  });

  afterAll(async () => {
    await served.close();
  });

  it('signs in with USER_PASSWORD_AUTH and gives ID and access tokens', async () => {
    // Prepare
    served.calls.length = 0;

    // Act
    const result = await signIn({ username: 'agent@example.com', password: SEED_PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    const session = await fetchAuthSession();
    const user = await getCurrentUser();

    // Assess
    expect(result).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    console.log(served.calls);
    expect(decodeToken(session.tokens?.idToken?.toString() ?? '').payload.email).toBe('agent@example.com');
    expect(session.tokens?.accessToken.payload['cognito:groups']).toEqual(['agents']);
    expect(user.username).toBe(session.tokens?.accessToken.payload.username);
  });

  it('refreshes and signs out', async () => {
    served.calls.length = 0;
    const before = await fetchAuthSession();
    const after = await fetchAuthSession({ forceRefresh: true });
    expect(after.tokens?.accessToken.payload.jti).not.toBe(before.tokens?.accessToken.payload.jti);
    await signOut();
    console.log(served.calls);
  });
});
