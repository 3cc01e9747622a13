import { Amplify } from 'aws-amplify';
import { fetchAuthSession, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_PASSWORD, servePool, type ServedPool } from './helpers.ts';

// Amplify v6 in Node needs no storage setup: without `window.localStorage` it keeps tokens in
// memory. It signs in with InitiateAuth alone (no GetUser), refreshes with
// GetTokensFromRefreshToken and signs out with RevokeToken.
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

  beforeEach(async () => {
    await signOut();
    served.calls.length = 0;
  });

  it('signs in with USER_PASSWORD_AUTH through InitiateAuth alone', async () => {
    // Act
    const result = await signIn({ username: 'agent@example.com', password: SEED_PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });

    // Assess
    expect(result).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    expect(served.calls).toEqual(['InitiateAuth']);
  });

  it('gives ID and access tokens through fetchAuthSession that verify', async () => {
    // Prepare
    await signIn({ username: 'admin@example.com', password: SEED_PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    const verifier = CognitoJwtVerifier.create({ userPoolId: 'us-east-1_localdev', tokenUse: null, clientId: 'localdevclient' });
    verifier.cacheJwks(served.pool.jwks());

    // Act
    const session = await fetchAuthSession();
    const user = await getCurrentUser();

    // Assess
    const idToken = verifier.verifySync(session.tokens?.idToken?.toString() ?? '');
    const accessToken = verifier.verifySync(session.tokens?.accessToken.toString() ?? '');
    expect(idToken).toMatchObject({ token_use: 'id', email: 'admin@example.com', 'cognito:groups': ['admins'] });
    expect(accessToken).toMatchObject({ token_use: 'access', 'cognito:groups': ['admins'] });
    expect(accessToken).not.toHaveProperty('email');
    expect(user).toMatchObject({ username: idToken.sub, userId: idToken.sub, signInDetails: { loginId: 'admin@example.com', authFlowType: 'USER_PASSWORD_AUTH' } });
  });

  it('refreshes tokens with GetTokensFromRefreshToken', async () => {
    // Prepare
    await signIn({ username: 'customer@example.com', password: SEED_PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    const before = await fetchAuthSession();
    served.calls.length = 0;

    // Act
    const after = await fetchAuthSession({ forceRefresh: true });

    // Assess
    expect(served.calls).toEqual(['GetTokensFromRefreshToken']);
    expect(after.tokens?.accessToken.payload.jti).not.toBe(before.tokens?.accessToken.payload.jti);
    expect(after.tokens?.accessToken.payload.origin_jti).toBe(before.tokens?.accessToken.payload.origin_jti);
    expect(after.tokens?.idToken?.payload.email).toBe('customer@example.com');
  });

  it('revokes the session with RevokeToken on signOut', async () => {
    // Prepare
    await signIn({ username: 'other@example.com', password: SEED_PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    served.calls.length = 0;

    // Act
    await signOut();
    const session = await fetchAuthSession();

    // Assess
    expect(served.calls).toEqual(['RevokeToken']);
    expect(session.tokens).toBeUndefined();
  });

  it('fails a wrong password with NotAuthorizedException', async () => {
    // Act
    const failure = await signIn({ username: 'agent@example.com', password: 'wrong', options: { authFlowType: 'USER_PASSWORD_AUTH' } }).catch((error: unknown) => error as Error);

    // Assess
    expect(failure).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });
});
