/**
 * The pool as an emulator part (`createCognitoPart`): the routes it claims, handlers that leave
 * CORS to the router, the JWKS it serves over HTTP and in process at Cognito's URL (the pool
 * serving its own keys), and the fault switchboard wrapped over it (status, rotation).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCognitoPart, type CognitoPart } from '../../../emulator/cognito-part.ts';
import { getThroughHttps } from '../../helpers/get-through-https.ts';
import { callCognito, decodeToken, SEED_PASSWORD, serveRoutes } from './helpers.ts';

const COGNITO_JWKS_URL = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_localdev/.well-known/jwks.json';

describe('Emulator: Cognito part', () => {
  let part: CognitoPart;
  let served: Awaited<ReturnType<typeof serveRoutes>>;

  beforeAll(async () => {
    part = await createCognitoPart({ inMemory: true });
    served = await serveRoutes(part.routes);
  });

  afterAll(async () => {
    part?.close();
    await served?.close();
  });

  it('claims the JSON API, the pool\'s JWKS and the token endpoint by method and exact path', () => {
    // Act
    const claimed = part.routes.map((route) => `${route.method} ${route.path}`);

    // Assess
    expect(part.name).toBe('cognito');
    expect(claimed).toEqual(['POST /', 'GET /us-east-1_localdev/.well-known/jwks.json', 'POST /oauth2/token']);
  });

  it('sets no CORS header itself, even for a page on this machine: the router does', async () => {
    // Prepare: the routes without any router.
    const bare: Server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const route = part.routes.find((candidate) => candidate.method === req.method && candidate.path === url.pathname);
      void route?.handle(req, res, url);
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;

    try {
      // Act
      const origin = { origin: 'http://localhost:5173' };
      const answers = await Promise.all([
        fetch(`${endpoint}/`, { method: 'POST', headers: { ...origin, 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' }, body: '{"AccessToken":"x.y.z"}' }),
        fetch(`${endpoint}/us-east-1_localdev/.well-known/jwks.json`, { headers: origin }),
        fetch(`${endpoint}/oauth2/token`, { method: 'POST', headers: { ...origin, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' }),
      ]);

      // Assess
      expect(answers.map((answer) => answer.status)).toEqual([400, 200, 401]);
      for (const answer of answers) expect([...answer.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    } finally {
      bare.closeAllConnections();
      await new Promise<void>((resolve) => bare.close(() => resolve()));
    }
  });

  it('serves its JWKS over HTTP and, in process, at Cognito\'s own URL', async () => {
    // Act
    const overHttp = await fetch(`${served.endpoint}/us-east-1_localdev/.well-known/jwks.json`);
    const inProcess = await getThroughHttps(COGNITO_JWKS_URL);

    // Assess
    expect(part.jwksUrl).toBe(COGNITO_JWKS_URL);
    expect(overHttp.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await overHttp.json()).toEqual(part.identityProvider.jwks());
    expect(inProcess.status).toBe(200);
    expect(JSON.parse(inProcess.body)).toEqual(part.identityProvider.jwks());
  });

  it('answers Cognito\'s JSON API with its content type and error shapes', async () => {
    // Act
    const signedIn = await callCognito(served.endpoint, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'localdevclient',
      AuthParameters: { USERNAME: 'agent@example.com', PASSWORD: SEED_PASSWORD },
    });
    const unknown = await callCognito(served.endpoint, 'SignUp', {});

    // Assess
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('UnsupportedOperationException:');
  });

  it('applies the switchboard wrapped over it: an error status on in-process fetches, rotated keys for every front end', async () => {
    // Prepare
    const before = await part.identityProvider.signIn('customer@example.com', SEED_PASSWORD);

    // Act
    part.jwksFaults.set({ status: 503 });
    const failing = await getThroughHttps(COGNITO_JWKS_URL);
    part.jwksFaults.heal();
    const keys = part.jwksFaults.rotate({ keepOld: true });
    const programmatic = await part.identityProvider.signIn('customer@example.com', SEED_PASSWORD);
    const overHttp = await callCognito(served.endpoint, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'localdevclient',
      AuthParameters: { USERNAME: 'customer@example.com', PASSWORD: SEED_PASSWORD },
    });
    const httpAccessToken = (overHttp.body.AuthenticationResult as Record<string, string>).AccessToken as string;
    const machine = await fetch(`${served.endpoint}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('localreportingclient:reporting-secret').toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    const machineToken = ((await machine.json()) as { access_token: string }).access_token;
    const published = JSON.parse((await getThroughHttps(COGNITO_JWKS_URL)).body) as { keys: Array<{ kid: string }> };
    const rotatedUser = await callCognito(served.endpoint, 'GetUser', { AccessToken: httpAccessToken });
    const oldUser = await callCognito(served.endpoint, 'GetUser', { AccessToken: before.accessToken });

    // Assess
    expect(failing.status).toBe(503);
    expect(decodeToken(programmatic.idToken).header.kid).toBe(keys.id.kid);
    expect(decodeToken(httpAccessToken).header.kid).toBe(keys.access.kid);
    expect(decodeToken(machineToken).header.kid).toBe(keys.access.kid);
    expect(published.keys.map((key) => key.kid)).toEqual([decodeToken(before.idToken).header.kid, decodeToken(before.accessToken).header.kid, keys.id.kid, keys.access.kid]);
    expect([rotatedUser.status, oldUser.status]).toEqual([200, 200]);
  });

  it('stops answering at Cognito\'s URL once closed', async () => {
    // Prepare
    const other = await createCognitoPart({ inMemory: true, userPoolId: 'eu-west-1_parttest' });
    const url = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_parttest/.well-known/jwks.json';
    const open = await getThroughHttps(url);

    // Act
    other.close();
    const closed = await getThroughHttps(url).then(() => 'answered', (error: Error) => error.message);

    // Assess
    expect(open.status).toBe(200);
    // No longer intercepted: the real https.request, which the loopback-only test setup refuses.
    expect(closed).toMatch(/loopback/);
  });
});
