/**
 * An emulator for the browser tests, started in the test, with the console mounted. When the
 * emulator does not mount the console itself yet, a loopback front server does: it serves the
 * console's routes (deciding with the same authorizer bundle, keys and cache rules as the
 * emulator) and passes every other request through to the emulator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUTHORIZATION_TOKEN_PATTERN } from '../../infra/api-limits.ts';
import { createAuthorizationCache } from '../../emulator/auth/authorization-cache.ts';
import { authorizeRequest } from '../../emulator/auth/authorize-request.ts';
import { loadAuthorizer } from '../../emulator/auth/authorizer-host.ts';
import { createConsoleRoutes } from '../../emulator/console/index.ts';
import { PROJECT_ROOT, startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/start-emulator.ts';

/** A running emulator and the URL of its console. */
export interface ConsoleEnvironment {
  readonly emulator: RunningEmulator;
  /** Where the console is: the emulator itself, or the front server. */
  readonly consoleUrl: string;
  /** Signs `email` in and calls the API with its ID token, as a client would. */
  graphql(email: string, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

async function consoleIsMounted(url: string): Promise<boolean> {
  const response = await fetch(`${url}/console/config.json`);
  await response.arrayBuffer();
  return response.status === 200;
}

function passThrough(target: URL, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
}

async function startFrontServer(emulator: RunningEmulator): Promise<{ url: string; close(): Promise<void> }> {
  const scratch = mkdtempSync(join(tmpdir(), 'console-front-'));
  const jwksFile = join(scratch, 'jwks.json');
  emulator.identityProvider.writeJwksFile(jwksFile);
  const authorizer = await loadAuthorizer(join(PROJECT_ROOT, 'dist', 'authorizer', 'index.mjs'), {
    USER_POOL_ID: emulator.userPoolId,
    APP_CLIENT_ID: emulator.clientId,
    AUTH_TTL_SECONDS: '300',
    JWKS_FILE: jwksFile,
  });
  const services = {
    cache: createAuthorizationCache({ ttlSeconds: 300, now: Date.now }),
    handler: () => authorizer,
    validation: new RegExp(AUTHORIZATION_TOKEN_PATTERN),
    apiId: 'localapi',
    accountId: '000000000000',
  };
  const routes = createConsoleRoutes({
    userPoolId: emulator.userPoolId,
    clientId: emulator.clientId,
    seedUsers: emulator.identityProvider.users,
    authorize: (token) => authorizeRequest(services, { authorization: token, queryString: '', operationName: null, variables: {}, requestHeaders: {} }),
  });
  const target = new URL(emulator.url);
  const server = createServer((req, res) => {
    routes(req, res).then(
      (handled) => {
        if (!handled) passThrough(target, req, res);
      },
      () => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      },
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * Starts an in-memory emulator (and, if needed, the front server); `options` go to the emulator.
 *
 * @example
 * const environment = await startConsoleEnvironment();
 * await page.goto(environment.consoleUrl);
 */
export async function startConsoleEnvironment(options: EmulatorOptions = {}): Promise<ConsoleEnvironment> {
  const emulator = await startEmulator({ port: 0, inMemory: true, log: () => {}, ...options });
  let front: { url: string; close(): Promise<void> } | null = null;
  try {
    if (!(await consoleIsMounted(emulator.url))) front = await startFrontServer(emulator);
  } catch (error) {
    await emulator.close();
    throw error;
  }
  return {
    emulator,
    consoleUrl: `${front?.url ?? emulator.url}/`,
    async graphql(email, query, variables = {}) {
      const { idToken } = await emulator.identityProvider.signIn(email, 'Passw0rd!');
      const response = await fetch(emulator.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: idToken },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    async close() {
      await front?.close();
      await emulator.close();
    },
  };
}
