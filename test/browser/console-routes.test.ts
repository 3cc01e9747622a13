/**
 * The console's HTTP routes without a browser: what the page is told, what the decision
 * endpoint reveals, and which requests the routes leave to the emulator.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createConsoleRoutes, DEFAULT_DIST_DIR, type AuthorizerAnswerLike, type ConsoleConfig, type ConsoleOptions } from '../../emulator/console/index.ts';

const USERS = [
  { email: 'customer@example.com', password: 'Passw0rd!', emailVerified: true, groups: [] },
  { email: 'agent@example.com', password: 'Passw0rd!', emailVerified: true, groups: ['agents'] },
];

async function serve(options: Partial<ConsoleOptions>): Promise<{ url: string; server: Server }> {
  const routes = createConsoleRoutes({ userPoolId: 'us-east-1_localdev', clientId: 'localdevclient', seedUsers: USERS, authorize: async () => null, ...options });
  const server = createServer((req, res) => {
    void routes(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(418);
        res.end('not the console');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('Console routes', () => {
  const authorize = vi.fn<(token: string) => Promise<AuthorizerAnswerLike | null>>();
  let url: string;
  let server: Server;

  beforeAll(async () => {
    ({ url, server } = await serve({ authorize, distDir: DEFAULT_DIST_DIR }));
  });

  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('tells the page the pool, the endpoints, the users without passwords and the schema', async () => {
    // Act
    const response = await fetch(`${url}/console/config.json`);
    const config = (await response.json()) as ConsoleConfig;

    // Assess
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(config).toEqual(
      expect.objectContaining({
        userPoolId: 'us-east-1_localdev',
        clientId: 'localdevclient',
        region: 'us-east-1',
        cognitoEndpoint: '/',
        graphqlEndpoint: '/graphql',
        decisionEndpoint: '/console/decision',
        defaultPassword: 'Passw0rd!',
        users: [
          { email: 'customer@example.com', groups: [], emailVerified: true },
          { email: 'agent@example.com', groups: ['agents'], emailVerified: true },
        ],
      }),
    );
    expect(config.schema).toContain('scalar AWSEmail');
    expect(config.schema).toContain('internalNotes: String');
  });

  it('offers the machine clients that may use client credentials (by default the shipped seed file\'s), the real-time and token endpoints, and the rule table', async () => {
    // Prepare
    const { url: machineUrl, server: machineServer } = await serve({
      distDir: DEFAULT_DIST_DIR,
      machineClients: [
        { clientId: 'localreportingclient', secret: 'reporting-secret', allowedOAuthFlows: ['client_credentials'], allowedOAuthScopes: ['helpdesk/tickets.read'] },
        { clientId: 'publicclient', explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] } as never,
        { clientId: 'typedclient', allowedOAuthFlows: ['client_credentials'], allowedOAuthScopes: [] },
      ],
    });

    try {
      // Act
      const config = (await (await fetch(`${machineUrl}/console/config.json`)).json()) as ConsoleConfig;
      const plain = (await (await fetch(`${url}/console/config.json`)).json()) as ConsoleConfig;

      // Assess
      expect(config.machineClients).toEqual([
        { clientId: 'localreportingclient', scopes: ['helpdesk/tickets.read'], secret: 'reporting-secret' },
        { clientId: 'typedclient', scopes: [], secret: null },
      ]);
      expect(plain.machineClients.map((client) => client.clientId)).toEqual(['localreportingclient', 'localtriageclient']);
      expect(config.tokenEndpoint).toBe('/oauth2/token');
      expect(config.realtimeEndpoint).toBe('/graphql/realtime');
      expect(config.rules['Ticket.internalNotes']).toEqual({ allow: ['agents', 'admins'], item: null });
      expect(Object.keys(config.rules)).toContain('Mutation.addComment');
      expect(config.subscribedMutations.onCommentAdded).toEqual(['addComment']);
    } finally {
      machineServer.closeAllConnections();
      machineServer.close();
    }
  });

  it('answers the decision with deniedFields as coordinates and no resolverContext values', async () => {
    // Prepare
    authorize.mockResolvedValueOnce({
      isAuthorized: true,
      deniedFields: ['arn:aws:appsync:us-east-1:000000000000:apis/localapi/types/Ticket/fields/internalNotes', 'Query.tickets'],
      resolverContext: { sub: 'abc', email: 'customer@example.com', secret: 'do-not-show' },
      ttlOverride: 299,
    });

    // Act
    const response = await fetch(`${url}/console/decision`, { method: 'POST', headers: { authorization: 'eyJ.token.here' } });
    const text = await response.text();

    // Assess
    expect(authorize).toHaveBeenLastCalledWith('eyJ.token.here');
    expect(JSON.parse(text)).toEqual({
      isAuthorized: true,
      deniedFields: ['Query.tickets', 'Ticket.internalNotes'],
      ttlOverride: 299,
      resolverContextKeys: ['email', 'secret', 'sub'],
    });
    expect(text).not.toContain('do-not-show');
  });

  it('reports a refused token, and a missing one without asking the authorizer', async () => {
    // Prepare
    authorize.mockClear();
    authorize.mockResolvedValueOnce(null);

    // Act
    const refused = await fetch(`${url}/console/decision`, { method: 'POST', headers: { authorization: 'eyJ.expired.token' } });
    const missing = await fetch(`${url}/console/decision`, { method: 'POST' });

    // Assess
    expect(await refused.json()).toEqual({ isAuthorized: false });
    expect(await missing.json()).toEqual({ isAuthorized: false });
    expect(authorize).toHaveBeenCalledTimes(1);
  });

  it('answers 500 without details when asking the authorizer fails, and 405 to a GET', async () => {
    // Prepare
    authorize.mockRejectedValueOnce(new Error('secret internals'));

    // Act
    const failed = await fetch(`${url}/console/decision`, { method: 'POST', headers: { authorization: 'eyJ.a.b' } });
    const get = await fetch(`${url}/console/decision`);

    // Assess
    expect(failed.status).toBe(500);
    expect(await failed.text()).not.toContain('secret internals');
    expect(get.status).toBe(405);
  });

  it('serves the page with its bundle and a strict content security policy', async () => {
    // Act
    const page = await fetch(`${url}/`);
    const html = await page.text();
    const script = await fetch(`${url}${/src="([^"]+)"/.exec(html)?.[1] ?? ''}`);
    const style = await fetch(`${url}${/href="(\/console\/console\.css[^"]*)"/.exec(html)?.[1] ?? ''}`);

    // Assess
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await script.text()).length).toBeGreaterThan(100_000);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    await style.arrayBuffer();
  });

  it('leaves the Cognito endpoint and every other path to the emulator', async () => {
    // Act
    const cognito = await fetch(`${url}/`, { method: 'POST', headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' }, body: '{}' });
    const preflight = await fetch(`${url}/`, { method: 'OPTIONS' });
    const graphql = await fetch(`${url}/graphql`, { method: 'POST', body: '{}' });
    const unknown = await fetch(`${url}/console/nothing-here.js`);

    // Assess
    expect([cognito.status, preflight.status, graphql.status]).toEqual([418, 418, 418]);
    expect(unknown.status).toBe(404);
  });
});

describe('Console routes: first use', () => {
  it('builds the bundle on first use when its folder is empty, leaving no scratch files', async () => {
    // Prepare
    const distDir = mkdtempSync(join(tmpdir(), 'console-dist-'));
    const { url, server } = await serve({ distDir });

    try {
      // Act
      const [first, second] = await Promise.all([fetch(`${url}/`), fetch(`${url}/console/console.css`)]);

      // Assess
      expect([first.status, second.status]).toEqual([200, 200]);
      await Promise.all([first.text(), second.text()]);
      expect(readdirSync(distDir).sort()).toEqual(['console.css', 'console.js']);
    } finally {
      server.closeAllConnections();
      server.close();
      rmSync(distDir, { recursive: true, force: true });
    }
  });
});
