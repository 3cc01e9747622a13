/**
 * The AWS SDK's Cognito client against the emulator's own server (`POST /` with
 * `X-Amz-Target`), then the API with the tokens it got: the path a hand-written client takes.
 */
import { CognitoIdentityProviderClient, GetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { graphql, PASSWORD, startTestEmulator } from './support/emulator-fixture.ts';

describe('Emulator: AWS SDK client', () => {
  let emulator: RunningEmulator;
  let cognito: CognitoIdentityProviderClient;

  beforeAll(async () => {
    ({ emulator } = await startTestEmulator());
    cognito = new CognitoIdentityProviderClient({
      endpoint: emulator.cognitoEndpoint,
      region: emulator.region,
      credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
    });
  });

  afterAll(async () => {
    cognito?.destroy();
    await emulator?.close();
  });

  it('signs in with InitiateAuth and calls the API with both tokens', async () => {
    // Prepare
    const { AuthenticationResult } = await cognito.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: emulator.clientId,
      AuthParameters: { USERNAME: 'agent@example.com', PASSWORD },
    }));
    const idToken = AuthenticationResult?.IdToken ?? '';
    const accessToken = AuthenticationResult?.AccessToken ?? '';

    // Act
    const user = await cognito.send(new GetUserCommand({ AccessToken: accessToken }));
    const withId = await graphql(emulator, idToken, '{ me { email tokenUse groups } }');
    const withAccess = await graphql(emulator, accessToken, '{ me { email tokenUse groups } }');

    // Assess
    expect(user.UserAttributes).toContainEqual({ Name: 'email', Value: 'agent@example.com' });
    expect(withId.body).toEqual({ data: { me: { email: 'agent@example.com', tokenUse: 'ID', groups: ['agents'] } } });
    expect(withAccess.body).toEqual({ data: { me: { email: null, tokenUse: 'ACCESS', groups: ['agents'] } } });
  });
});
