import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callCognito, servePool, type ServedPool } from './helpers.ts';

describe('Emulator: Cognito HTTP adapter', () => {
  let served: ServedPool;

  beforeAll(async () => {
    served = await servePool({ inMemory: true });
  });

  afterAll(async () => {
    await served.close();
  });

  it('answers a browser preflight from a page on this machine with CORS headers for the AWS SDK and Amplify', async () => {
    // Act
    const response = await fetch(`${served.endpoint}/`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent,cache-control' },
    });

    // Assess
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').split(',').map((header) => header.trim());
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'x-amz-target', 'x-amz-user-agent', 'authorization', 'cache-control']));
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('serves the JWKS at /<userPoolId>/.well-known/jwks.json', async () => {
    // Act
    const response = await fetch(`${served.endpoint}/us-east-1_localdev/.well-known/jwks.json`, { headers: { origin: 'http://127.0.0.1:3000' } });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    expect(await response.json()).toEqual(served.pool.jwks());
  });

  it('puts CORS headers on error answers too', async () => {
    // Act
    const response = await fetch(`${served.endpoint}/`, {
      method: 'POST',
      headers: { origin: 'http://localhost:8080', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' },
      body: JSON.stringify({ AccessToken: 'x.y.z' }),
    });
    const answer = { status: response.status, headers: response.headers };

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
    expect(answer.headers.get('x-amzn-errortype')).toBe('NotAuthorizedException:');
  });

  it.each(['https://evil.example', 'http://localhost.evil.example', 'null'])(
    'admits no page from elsewhere (%s): a web page must not sign in as a seeded admin',
    async (origin) => {
      // Act
      const preflight = await fetch(`${served.endpoint}/`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' },
      });
      const call = await fetch(`${served.endpoint}/`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' },
        body: JSON.stringify({ AccessToken: 'x.y.z' }),
      });

      // Assess
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(call.headers.get('access-control-allow-origin')).toBeNull();
    },
  );

  it('leaves requests that are not Cognito calls to the rest of the server', async () => {
    // Act
    const graphql = await fetch(`${served.endpoint}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const consolePage = await fetch(`${served.endpoint}/`);
    const untargeted = await fetch(`${served.endpoint}/`, { method: 'POST', body: '{}' });
    const otherService = await fetch(`${served.endpoint}/`, { method: 'POST', headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables' }, body: '{}' });

    // Assess
    expect([graphql.status, consolePage.status, untargeted.status, otherService.status]).toEqual([404, 404, 404, 404]);
  });

  it('answers 413 to every oversized body, declared or streamed, and keeps serving', async () => {
    // Prepare
    const big = JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', padding: 'x'.repeat(2 * 1024 * 1024) });
    const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' };
    const streamed = () =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      });

    // Act
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const body = attempt % 2 === 0 ? big : streamed();
      const response = await fetch(`${served.endpoint}/`, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
      statuses.push(response.status);
      const next = await callCognito(served.endpoint, 'GetUser', { AccessToken: 'x.y.z' });
      statuses.push(next.status);
    }

    // Assess
    expect(statuses).toEqual([413, 400, 413, 400, 413, 400, 413, 400]);
  });
});
