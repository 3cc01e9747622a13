/**
 * App clients of the pool's core through the JSON API front end (`POST /`, over HTTP) and the
 * programmatic one (`signIn`): a client with a secret proves it with Cognito's SECRET_HASH
 * (base64 HMAC-SHA256 keyed with the secret over username + client id), each client gets only
 * the flows it allows, and the default public `localdevclient` works as before.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoConfigurationError, CognitoServiceError, computeSecretHash, createIdentityProvider, type AppClientConfig } from '../../../emulator/cognito/index.ts';
import { callCognito, decodeToken, SEED_PASSWORD, servePool, temporaryDirectory, type ServedPool } from './helpers.ts';

/** Password sign-in only: refresh is not among its flows. */
const DESK_CLIENT: AppClientConfig = { clientId: 'localdeskclient', secret: 'desk-secret', explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] };
/** Both user flows, with a secret. */
const KIOSK_CLIENT: AppClientConfig = { clientId: 'localkioskclient', secret: 'kiosk-secret', explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] };
const AGENT = 'agent@example.com';

function passwordAuth(clientId: string, parameters: Record<string, string> = {}): Record<string, unknown> {
  return { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: AGENT, PASSWORD: SEED_PASSWORD, ...parameters } };
}

describe('Emulator: Cognito app clients', () => {
  let served: ServedPool;

  beforeAll(async () => {
    served = await servePool({ inMemory: true, appClients: [DESK_CLIENT, KIOSK_CLIENT] });
  });

  afterAll(async () => {
    await served?.close();
  });

  it('lists the default public client first, then the seed file\'s machine clients and the configured ones, without secrets', () => {
    // Act
    const clients = served.pool.appClients;

    // Assess
    expect(clients.map((client) => [client.clientId, client.hasSecret])).toEqual([
      ['localdevclient', false],
      ['localreportingclient', true],
      ['localtriageclient', true],
      ['localdeskclient', true],
      ['localkioskclient', true],
    ]);
    expect(JSON.stringify(clients)).not.toMatch(/secret"|desk-secret|scrypt/);
  });

  it('signs in through a client with a secret when InitiateAuth carries its SECRET_HASH; the tokens name that client', async () => {
    // Prepare
    const secretHash = computeSecretHash('desk-secret', AGENT, 'localdeskclient');
    const verifier = CognitoJwtVerifier.create({ userPoolId: 'us-east-1_localdev', tokenUse: null, clientId: 'localdeskclient' });
    verifier.cacheJwks(served.pool.jwks());

    // Act
    const answer = await callCognito(served.endpoint, 'InitiateAuth', passwordAuth('localdeskclient', { SECRET_HASH: secretHash }));

    // Assess
    expect(answer.status).toBe(200);
    const result = answer.body.AuthenticationResult as Record<string, string>;
    const id = await verifier.verify(result.IdToken as string);
    const access = await verifier.verify(result.AccessToken as string);
    expect([id.aud, access.client_id, id.email]).toEqual(['localdeskclient', 'localdeskclient', AGENT]);
  });

  it.each([
    ['no SECRET_HASH', {}, 'Client localdeskclient is configured with secret but SECRET_HASH was not received'],
    ['the hash of another secret', { SECRET_HASH: computeSecretHash('wrong-secret', AGENT, 'localdeskclient') }, 'Unable to verify secret hash for client localdeskclient'],
    ['the hash of another user', { SECRET_HASH: computeSecretHash('desk-secret', 'admin@example.com', 'localdeskclient') }, 'Unable to verify secret hash for client localdeskclient'],
    ['the hash for another client', { SECRET_HASH: computeSecretHash('desk-secret', AGENT, 'localkioskclient') }, 'Unable to verify secret hash for client localdeskclient'],
  ])('refuses a client with a secret given %s, before looking at the password', async (_case, parameters, message) => {
    // Act
    const answer = await callCognito(served.endpoint, 'InitiateAuth', passwordAuth('localdeskclient', parameters));

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ __type: 'NotAuthorizedException', message });
  });

  it('refuses a flow the client does not allow: refresh for the desk client, password sign-in for a machine client', async () => {
    // Prepare
    const signedIn = await callCognito(served.endpoint, 'InitiateAuth', passwordAuth('localdeskclient', { SECRET_HASH: computeSecretHash('desk-secret', AGENT, 'localdeskclient') }));
    const refreshToken = (signedIn.body.AuthenticationResult as Record<string, string>).RefreshToken as string;

    // Act
    const refresh = await callCognito(served.endpoint, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'localdeskclient', AuthParameters: { REFRESH_TOKEN: refreshToken } });
    const machine = await callCognito(served.endpoint, 'InitiateAuth', passwordAuth('localreportingclient', { SECRET_HASH: computeSecretHash('reporting-secret', AGENT, 'localreportingclient') }));

    // Assess
    expect(refresh.body).toEqual({ __type: 'InvalidParameterException', message: 'REFRESH_TOKEN_AUTH flow not enabled for this client' });
    expect(machine.body).toEqual({ __type: 'InvalidParameterException', message: 'USER_PASSWORD_AUTH flow not enabled for this client' });
  });

  it('refreshes for a client with a secret with the SECRET_HASH of the user\'s username, or the ClientSecret of GetTokensFromRefreshToken', async () => {
    // Prepare
    const signedIn = await callCognito(served.endpoint, 'InitiateAuth', passwordAuth('localkioskclient', { SECRET_HASH: computeSecretHash('kiosk-secret', AGENT, 'localkioskclient') }));
    const result = signedIn.body.AuthenticationResult as Record<string, string>;
    const username = decodeToken(result.AccessToken as string).payload.username as string;
    const refresh = (parameters: Record<string, string>) =>
      callCognito(served.endpoint, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'localkioskclient', AuthParameters: { REFRESH_TOKEN: result.RefreshToken as string, ...parameters } });
    const fromRefreshToken = (clientSecret: string | undefined) =>
      callCognito(served.endpoint, 'GetTokensFromRefreshToken', { RefreshToken: result.RefreshToken, ClientId: 'localkioskclient', ...(clientSecret === undefined ? {} : { ClientSecret: clientSecret }) });

    // Act
    const refreshed = await refresh({ SECRET_HASH: computeSecretHash('kiosk-secret', username, 'localkioskclient') });
    const withoutHash = await refresh({});
    const viaSecret = await fromRefreshToken('kiosk-secret');
    const wrongSecret = await fromRefreshToken('desk-secret');
    const noSecret = await fromRefreshToken(undefined);

    // Assess
    expect(refreshed.status).toBe(200);
    expect(decodeToken((refreshed.body.AuthenticationResult as Record<string, string>).IdToken as string).payload.aud).toBe('localkioskclient');
    expect(withoutHash.body.__type).toBe('NotAuthorizedException');
    expect(viaSecret.status).toBe(200);
    expect(wrongSecret.body).toEqual({ __type: 'NotAuthorizedException', message: 'Unable to verify secret for client localkioskclient' });
    expect(noSecret.body).toEqual({ __type: 'NotAuthorizedException', message: 'Client localkioskclient is configured with secret but ClientSecret was not received' });
  });

  it('keeps one client\'s refresh tokens from another client, and ignores a SECRET_HASH sent for the public default client', async () => {
    // Prepare
    const signedIn = await callCognito(served.endpoint, 'InitiateAuth', passwordAuth('localdevclient', { SECRET_HASH: 'anything' }));
    const refreshToken = (signedIn.body.AuthenticationResult as Record<string, string>).RefreshToken as string;

    // Act
    const elsewhere = await callCognito(served.endpoint, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: 'localkioskclient',
      AuthParameters: { REFRESH_TOKEN: refreshToken, SECRET_HASH: computeSecretHash('kiosk-secret', AGENT, 'localkioskclient') },
    });

    // Assess
    expect(signedIn.status).toBe(200);
    expect(elsewhere.body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
  });

  it('signs in programmatically through the core, with the default client or a named public one, and refuses what the wire refuses', async () => {
    // Act
    const tokens = await served.pool.signIn(AGENT, SEED_PASSWORD);
    const secretClient = await served.pool.signIn(AGENT, SEED_PASSWORD, 'localdeskclient').catch((error: unknown) => error);
    const unknownClient = await served.pool.signIn(AGENT, SEED_PASSWORD, 'nosuchclient').catch((error: unknown) => error);

    // Assess
    expect(decodeToken(tokens.idToken).payload.aud).toBe('localdevclient');
    expect(secretClient).toBeInstanceOf(CognitoServiceError);
    expect(secretClient).toMatchObject({ type: 'NotAuthorizedException', message: 'Client localdeskclient is configured with secret but SECRET_HASH was not received' });
    expect(unknownClient).toMatchObject({ type: 'ResourceNotFoundException', message: 'User pool client nosuchclient does not exist.' });
  });
});

describe('Emulator: Cognito app clients in the seed file', () => {
  const directory = temporaryDirectory('cognito-clients');

  afterAll(() => directory.remove());

  function seedWith(clients: unknown): string {
    const path = join(directory.path, `seed-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify({ users: [{ email: 'a@example.com', password: 'x' }], clients }));
    return path;
  }

  it('reads clients from the seed file\'s clients section', async () => {
    // Prepare
    const seedFile = seedWith([{ clientId: 'seededclient', secret: 's3cret', explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }]);
    const pool = await createIdentityProvider({ inMemory: true, seedFile });

    // Act
    const refused = await pool.signIn('a@example.com', 'x', 'seededclient').catch((error: unknown) => error);
    const answer = await pool.handleCognitoRequest({
      target: 'AWSCognitoIdentityProviderService.InitiateAuth',
      body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'seededclient', AuthParameters: { USERNAME: 'a@example.com', PASSWORD: 'x', SECRET_HASH: computeSecretHash('s3cret', 'a@example.com', 'seededclient') } }),
    });

    // Assess
    expect(pool.appClients.map((client) => client.clientId)).toEqual(['localdevclient', 'seededclient']);
    expect(refused).toMatchObject({ type: 'NotAuthorizedException' });
    expect(answer.status).toBe(200);
  });

  it.each([
    ['an unknown key', [{ clientId: 'c1', secrets: 'x' }], /clients\[0\]: unknown key "secrets"/],
    ['client_credentials without a secret', [{ clientId: 'c1', allowedOAuthFlows: ['client_credentials'], allowedOAuthScopes: ['a/b'] }], /client_credentials needs a client secret/],
    ['client_credentials without a scope', [{ clientId: 'c1', secret: 'x', allowedOAuthFlows: ['client_credentials'] }], /needs at least one allowed OAuth scope/],
    ['a scope that is not <resource server>/<name>', [{ clientId: 'c1', secret: 'x', allowedOAuthFlows: ['client_credentials'], allowedOAuthScopes: ['read'] }], /scope "read" is not a custom scope/],
    ['a flow the pool does not implement', [{ clientId: 'c1', explicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }], /explicit auth flow "ALLOW_USER_SRP_AUTH"/],
    ['the default client\'s id again', [{ clientId: 'localdevclient' }], /"localdevclient": defined twice/],
    ['a client id Cognito would refuse', [{ clientId: 'bad id' }], /client id must be/],
  ])('refuses a seed file with %s, naming the problem', async (_case, clients, message) => {
    // Act
    const created = createIdentityProvider({ inMemory: true, seedFile: seedWith(clients) });

    // Assess
    await expect(created).rejects.toBeInstanceOf(CognitoConfigurationError);
    await expect(created).rejects.toThrow(message);
  });
});
