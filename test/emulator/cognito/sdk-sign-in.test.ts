import {
  CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callCognito, decodeToken, SEED_PASSWORD, SEEDED_USERS, servePool, type ServedPool } from './helpers.ts';

let served: ServedPool;
let client: CognitoIdentityProviderClient;

beforeAll(async () => {
  served = await servePool({ inMemory: true });
  // No credentials: InitiateAuth, GetUser and the token operations are unsigned in the SDK.
  client = new CognitoIdentityProviderClient({ endpoint: served.endpoint, region: 'us-east-1' });
});

afterAll(async () => {
  client.destroy();
  await served.close();
});

function signInCommand(username: string, password: string, clientId = 'localdevclient'): InitiateAuthCommand {
  return new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } });
}

async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const failure = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: failure.name, message: failure.message, status: failure.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

describe('Emulator: Cognito InitiateAuth', () => {
  it.each(SEEDED_USERS)('signs in $email with the AWS SDK and gives tokens that verify', async ({ email, groups }) => {
    // Prepare
    const verifier = CognitoJwtVerifier.create({ userPoolId: 'us-east-1_localdev', tokenUse: null, clientId: 'localdevclient' });
    verifier.cacheJwks(served.pool.jwks());

    // Act
    const output = await client.send(signInCommand(email, SEED_PASSWORD));

    // Assess
    const result = output.AuthenticationResult;
    expect(output.ChallengeParameters).toEqual({});
    expect(result).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
    expect(result?.RefreshToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const idToken = await verifier.verify(result?.IdToken ?? '');
    const accessToken = await verifier.verify(result?.AccessToken ?? '');
    expect(idToken).toMatchObject({ token_use: 'id', email, aud: 'localdevclient' });
    expect(accessToken).toMatchObject({ token_use: 'access', client_id: 'localdevclient', username: idToken['cognito:username'] });
    expect(idToken['cognito:groups']).toEqual(groups.length > 0 ? groups : undefined);
    expect(accessToken['cognito:groups']).toEqual(groups.length > 0 ? groups : undefined);
  });

  it('accepts the email in any case', async () => {
    // Act
    const output = await client.send(signInCommand('Agent@Example.COM', SEED_PASSWORD));

    // Assess
    expect(decodeToken(output.AuthenticationResult?.IdToken ?? '').payload.email).toBe('agent@example.com');
  });

  it('gives the same message for a wrong password and an unknown user', async () => {
    // Act
    const wrongPassword = await rejection(client.send(signInCommand('customer@example.com', 'Wrong-Passw0rd!')));
    const unknownUser = await rejection(client.send(signInCommand('nobody@example.com', SEED_PASSWORD)));

    // Assess
    expect(wrongPassword).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.', status: 400 });
    expect(unknownUser).toEqual(wrongPassword);
  });

  it('answers in Cognito error shape on the wire', async () => {
    // Act
    const answer = await callCognito(served.endpoint, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'localdevclient',
      AuthParameters: { USERNAME: 'customer@example.com', PASSWORD: 'nope' },
    });

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(answer.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(answer.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a missing parameter with InvalidParameterException', async () => {
    // Act
    const noPassword = await rejection(
      client.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'localdevclient', AuthParameters: { USERNAME: 'customer@example.com' } })),
    );
    const noFlow = await callCognito(served.endpoint, 'InitiateAuth', { ClientId: 'localdevclient' });

    // Assess
    expect(noPassword).toEqual({ name: 'InvalidParameterException', message: 'Missing required parameter PASSWORD', status: 400 });
    expect(noFlow.body.__type).toBe('InvalidParameterException');
  });

  it('refuses an unknown client id with ResourceNotFoundException', async () => {
    // Act
    const failure = await rejection(client.send(signInCommand('customer@example.com', SEED_PASSWORD, 'someotherclient')));

    // Assess
    expect(failure).toEqual({ name: 'ResourceNotFoundException', message: 'User pool client someotherclient does not exist.', status: 400 });
  });

  it('refuses flows the local client does not enable', async () => {
    // Act
    const srp = await rejection(
      client.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: 'localdevclient', AuthParameters: { USERNAME: 'customer@example.com', SRP_A: 'ab' } })),
    );

    // Assess
    expect(srp.name).toBe('InvalidParameterException');
    expect(srp.message).toMatch(/^USER_SRP_AUTH flow not enabled for this client\./);
  });

  it('names the supported operations when asked for another one', async () => {
    // Act
    const answer = await callCognito(served.endpoint, 'SignUp', { ClientId: 'localdevclient', Username: 'x@example.com', Password: 'x' });

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.__type).toBe('UnsupportedOperationException');
    expect(answer.body.message).toContain('InitiateAuth, GetTokensFromRefreshToken, GetUser, RevokeToken, GlobalSignOut');
  });

  it('refuses a body that is not JSON with SerializationException', async () => {
    // Act
    const answer = await callCognito(served.endpoint, 'InitiateAuth', '{not json');

    // Assess
    expect(answer).toMatchObject({ status: 400, body: { __type: 'SerializationException' } });
  });
});

describe('Emulator: Cognito token refresh', () => {
  let signedIn: InitiateAuthCommandOutput;

  beforeAll(async () => {
    signedIn = await client.send(signInCommand('admin@example.com', SEED_PASSWORD));
  });

  it('refreshes with REFRESH_TOKEN_AUTH, keeping the session and giving no new refresh token', async () => {
    // Prepare
    const original = decodeToken(signedIn.AuthenticationResult?.AccessToken ?? '').payload;

    // Act
    const output = await client.send(
      new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'localdevclient', AuthParameters: { REFRESH_TOKEN: signedIn.AuthenticationResult?.RefreshToken ?? '' } }),
    );

    // Assess
    const result = output.AuthenticationResult;
    expect(result?.RefreshToken).toBeUndefined();
    expect(result).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
    const refreshed = decodeToken(result?.AccessToken ?? '').payload;
    expect(refreshed.jti).not.toBe(original.jti);
    expect(refreshed).toMatchObject({ sub: original.sub, origin_jti: original.origin_jti, auth_time: original.auth_time, 'cognito:groups': ['admins'] });
    expect(decodeToken(result?.IdToken ?? '').payload.origin_jti).toBe(original.origin_jti);
  });

  it('refreshes with GetTokensFromRefreshToken, as Amplify v6 does', async () => {
    // Act
    const output = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: 'localdevclient', RefreshToken: signedIn.AuthenticationResult?.RefreshToken ?? '' }));

    // Assess
    expect(output.AuthenticationResult).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
    expect(decodeToken(output.AuthenticationResult?.IdToken ?? '').payload.email).toBe('admin@example.com');
  });

  it('refuses an unknown refresh token', async () => {
    // Act
    const failure = await rejection(
      client.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'localdevclient', AuthParameters: { REFRESH_TOKEN: 'not-a-refresh-token' } })),
    );

    // Assess
    expect(failure).toEqual({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token', status: 400 });
  });

  it('refuses a revoked refresh token and the access tokens of its session', async () => {
    // Prepare
    const session = await client.send(signInCommand('other@example.com', SEED_PASSWORD));
    const refreshToken = session.AuthenticationResult?.RefreshToken ?? '';

    // Act
    await client.send(new RevokeTokenCommand({ ClientId: 'localdevclient', Token: refreshToken }));
    const refresh = await rejection(client.send(new GetTokensFromRefreshTokenCommand({ ClientId: 'localdevclient', RefreshToken: refreshToken })));
    const getUser = await rejection(client.send(new GetUserCommand({ AccessToken: session.AuthenticationResult?.AccessToken ?? '' })));

    // Assess
    expect(refresh.message).toBe('Invalid Refresh Token');
    expect(getUser).toEqual({ name: 'NotAuthorizedException', message: 'Access Token has been revoked', status: 400 });
  });
});

describe('Emulator: Cognito GetUser', () => {
  it('answers the user name and attributes for an access token', async () => {
    // Prepare
    const signedIn = await client.send(signInCommand('unverified@example.com', SEED_PASSWORD));
    const sub = decodeToken(signedIn.AuthenticationResult?.AccessToken ?? '').payload.sub;

    // Act
    const output = await client.send(new GetUserCommand({ AccessToken: signedIn.AuthenticationResult?.AccessToken ?? '' }));

    // Assess
    expect(output.Username).toBe(sub);
    expect(output.UserAttributes).toEqual([
      { Name: 'sub', Value: sub },
      { Name: 'email_verified', Value: 'false' },
      { Name: 'email', Value: 'unverified@example.com' },
    ]);
  });

  it('refuses an ID token, a forged token and a missing token', async () => {
    // Prepare
    const signedIn = await client.send(signInCommand('customer@example.com', SEED_PASSWORD));
    const [header, payload, signature] = (signedIn.AuthenticationResult?.AccessToken ?? '').split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admins'] })).toString('base64url')}.${signature}`;

    // Act
    const withIdToken = await rejection(client.send(new GetUserCommand({ AccessToken: signedIn.AuthenticationResult?.IdToken ?? '' })));
    const withForged = await rejection(client.send(new GetUserCommand({ AccessToken: forged })));
    const missing = await callCognito(served.endpoint, 'GetUser', {});

    // Assess
    expect(withIdToken).toEqual({ name: 'NotAuthorizedException', message: 'Invalid Access Token', status: 400 });
    expect(withForged).toEqual(withIdToken);
    expect(missing.body.__type).toBe('InvalidParameterException');
  });
});
