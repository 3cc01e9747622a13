/**
 * `POST /oauth2/token`, `grant_type=client_credentials`, over real HTTP on 127.0.0.1, with the
 * seed file's machine clients (`localreportingclient` / `reporting-secret`: `helpdesk/tickets.read`;
 * `localtriageclient` / `triage-secret`: that and `helpdesk/tickets.triage`): every success and
 * every error Cognito's token endpoint answers for this grant.
 */
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCognitoPart, type CognitoPart } from '../../../emulator/cognito-part.ts';
import { callCognito, decodeToken, serveRoutes } from './helpers.ts';

const FORM = 'application/x-www-form-urlencoded';
const TICKETS_READ = 'helpdesk/tickets.read';
const TICKETS_TRIAGE = 'helpdesk/tickets.triage';

function basic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
}

describe('Emulator: Cognito /oauth2/token (client credentials)', () => {
  let part: CognitoPart;
  let served: Awaited<ReturnType<typeof serveRoutes>>;

  async function token(body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
    const response = await fetch(`${served.endpoint}/oauth2/token`, { method: 'POST', headers: { 'content-type': FORM, ...headers }, body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
  }

  beforeAll(async () => {
    part = await createCognitoPart({
      inMemory: true,
      // A client with a secret but only user flows: authenticated, yet not allowed this grant.
      appClients: [{ clientId: 'localkioskclient', secret: 'kiosk-secret', explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }],
    });
    served = await serveRoutes(part.routes);
  });

  afterAll(async () => {
    part?.close();
    await served?.close();
  });

  describe('grants', () => {
    it('issues an access token for HTTP Basic credentials, with every allowed scope when none is asked for', async () => {
      // Prepare
      const verifier = CognitoJwtVerifier.create({ userPoolId: 'us-east-1_localdev', tokenUse: 'access', clientId: 'localreportingclient', scope: TICKETS_READ });
      verifier.cacheJwks(part.identityProvider.jwks());

      // Act
      const answer = await token('grant_type=client_credentials', { authorization: basic('localreportingclient', 'reporting-secret') });

      // Assess
      expect(answer.status).toBe(200);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(Object.keys(answer.body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
      expect(answer.body).toMatchObject({ expires_in: 3600, token_type: 'Bearer' });
      const claims = await verifier.verify(answer.body.access_token as string);
      expect(claims).toMatchObject({ sub: 'localreportingclient', client_id: 'localreportingclient', token_use: 'access', scope: TICKETS_READ, version: 2 });
    });

    it('shapes the token as Cognito does: claims in its order, no user claims, signed with the access token key', async () => {
      // Act
      const answer = await token('grant_type=client_credentials', { authorization: basic('localtriageclient', 'triage-secret') });

      // Assess
      const { header, payload } = decodeToken(answer.body.access_token as string);
      expect(Object.keys(payload)).toEqual(['sub', 'token_use', 'scope', 'auth_time', 'iss', 'exp', 'iat', 'version', 'jti', 'client_id']);
      expect(payload).toMatchObject({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_localdev', scope: `${TICKETS_READ} ${TICKETS_TRIAGE}` });
      expect(payload.exp).toBe((payload.iat as number) + 3600);
      expect(payload.auth_time).toBe(payload.iat);
      expect(header).toEqual({ kid: part.identityProvider.jwks().keys[1]?.kid, alg: 'RS256' });
    });

    it('signs with the key of users\' access tokens, never the ID token key, a fresh jti for each token', async () => {
      // Prepare
      const user = await part.identityProvider.signIn('agent@example.com', 'Passw0rd!');

      // Act
      const first = await token('grant_type=client_credentials', { authorization: basic('localtriageclient', 'triage-secret') });
      const second = await token('grant_type=client_credentials', { authorization: basic('localtriageclient', 'triage-secret') });

      // Assess
      const [one, two] = [first, second].map((answer) => decodeToken(answer.body.access_token as string));
      expect(one?.header.kid).toBe(decodeToken(user.accessToken).header.kid);
      expect(one?.header.kid).not.toBe(decodeToken(user.idToken).header.kid);
      expect(one?.payload).toMatchObject({ sub: 'localtriageclient', client_id: 'localtriageclient', token_use: 'access', version: 2 });
      for (const claim of ['username', 'cognito:groups', 'email', 'origin_jti', 'event_id', 'aud']) expect(one?.payload).not.toHaveProperty(claim);
      expect(one?.payload.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(two?.payload.jti).not.toBe(one?.payload.jti);
    });

    it('takes client_id and client_secret from the body, and narrows to the scopes asked for', async () => {
      // Act
      const narrowed = await token(`grant_type=client_credentials&client_id=localtriageclient&client_secret=triage-secret&scope=${encodeURIComponent(TICKETS_TRIAGE)}`);
      const both = await token(`grant_type=client_credentials&scope=${encodeURIComponent(`${TICKETS_TRIAGE} ${TICKETS_READ}`)}`, { authorization: basic('localtriageclient', 'triage-secret') });

      // Assess
      expect(narrowed.status).toBe(200);
      expect(decodeToken(narrowed.body.access_token as string).payload.scope).toBe(TICKETS_TRIAGE);
      expect(decodeToken(both.body.access_token as string).payload.scope).toBe(`${TICKETS_TRIAGE} ${TICKETS_READ}`);
    });

    it('gives a token the user API refuses: it carries no aws.cognito.signin.user.admin scope', async () => {
      // Prepare
      const answer = await token('grant_type=client_credentials', { authorization: basic('localreportingclient', 'reporting-secret') });

      // Act
      const user = await callCognito(served.endpoint, 'GetUser', { AccessToken: answer.body.access_token });

      // Assess
      expect(user.body).toEqual({ __type: 'NotAuthorizedException', message: 'Access Token does not have required scopes' });
    });
  });

  describe('refusals', () => {
    it.each([
      ['a wrong secret', 'grant_type=client_credentials', { authorization: basic('localreportingclient', 'triage-secret') }],
      ['an unknown client', 'grant_type=client_credentials', { authorization: basic('nosuchclient', 'reporting-secret') }],
      ['a Basic header without a colon', 'grant_type=client_credentials', { authorization: `Basic ${Buffer.from('localreportingclient').toString('base64')}` }],
      ['a Bearer header', 'grant_type=client_credentials', { authorization: 'Bearer abc' }],
    ])('answers 401 invalid_client with WWW-Authenticate for %s in the Authorization header', async (_case, body, headers) => {
      // Act
      const answer = await token(body, headers);

      // Assess
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: 'invalid_client' });
      expect(answer.headers.get('www-authenticate')).toBe('Basic');
    });

    it.each([
      ['no credentials at all', 'grant_type=client_credentials'],
      ['a client id without a secret', 'grant_type=client_credentials&client_id=localreportingclient'],
      ['a wrong secret in the body', 'grant_type=client_credentials&client_id=localreportingclient&client_secret=nope'],
      ['the public default client, which has no secret', 'grant_type=client_credentials&client_id=localdevclient&client_secret=anything'],
    ])('answers 401 invalid_client for %s', async (_case, body) => {
      // Act
      const answer = await token(body);

      // Assess
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: 'invalid_client' });
    });

    it.each([
      ['a JSON body', '{"grant_type":"client_credentials"}', { 'content-type': 'application/json', authorization: basic('localreportingclient', 'reporting-secret') }],
      ['no grant_type', 'scope=helpdesk%2Ftickets.read', { authorization: basic('localreportingclient', 'reporting-secret') }],
      ['a repeated parameter', 'grant_type=client_credentials&grant_type=client_credentials', { authorization: basic('localreportingclient', 'reporting-secret') }],
      ['credentials both in the header and the body', 'grant_type=client_credentials&client_secret=reporting-secret', { authorization: basic('localreportingclient', 'reporting-secret') }],
      ['another client id in the body than in the header', 'grant_type=client_credentials&client_id=localtriageclient', { authorization: basic('localreportingclient', 'reporting-secret') }],
    ])('answers 400 invalid_request for %s', async (_case, body, headers) => {
      // Act
      const answer = await token(body, headers);

      // Assess
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: 'invalid_request' });
    });

    it.each(['password', 'authorization_code', 'urn:ietf:params:oauth:grant-type:jwt-bearer'])('answers 400 unsupported_grant_type for grant_type=%s', async (grantType) => {
      // Act
      const answer = await token(`grant_type=${encodeURIComponent(grantType)}`, { authorization: basic('localreportingclient', 'reporting-secret') });

      // Assess
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: 'unsupported_grant_type' });
    });

    it('answers 400 unauthorized_client to an authenticated client that is not allowed the grant', async () => {
      // Act
      const answer = await token('grant_type=client_credentials', { authorization: basic('localkioskclient', 'kiosk-secret') });

      // Assess
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: 'unauthorized_client' });
    });

    it.each([
      ['a scope the client is not allowed', TICKETS_TRIAGE],
      ['an allowed scope with one that is not', `${TICKETS_READ} ${TICKETS_TRIAGE}`],
      ['the user API\'s scope', 'aws.cognito.signin.user.admin'],
      ['an empty scope', ''],
    ])('answers 400 invalid_scope for %s', async (_case, scope) => {
      // Act
      const answer = await token(`grant_type=client_credentials&scope=${encodeURIComponent(scope)}`, { authorization: basic('localreportingclient', 'reporting-secret') });

      // Assess
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: 'invalid_scope' });
    });

    it('answers 413 to an oversized body and keeps serving', async () => {
      // Act
      const big = await fetch(`${served.endpoint}/oauth2/token`, { method: 'POST', headers: { 'content-type': FORM }, body: `grant_type=client_credentials&pad=${'x'.repeat(2 * 1024 * 1024)}` });
      const next = await token('grant_type=client_credentials', { authorization: basic('localreportingclient', 'reporting-secret') });

      // Assess
      expect(big.status).toBe(413);
      expect(await big.json()).toEqual({ error: 'invalid_request' });
      expect(next.status).toBe(200);
    });
  });
});
