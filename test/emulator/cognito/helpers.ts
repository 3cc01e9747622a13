/**
 * Test helpers: a local pool's routes served on 127.0.0.1 (free port) by a tiny router that keeps
 * the emulator router's contract (CORS headers set and the URL parsed before a route runs, routes
 * matched by method and exact path, OPTIONS answered 204, 404 otherwise), temporary data
 * directories, and token decoding.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cognitoRoutes, createIdentityProvider, type IdentityProvider, type IdentityProviderOptions } from '../../../emulator/cognito/index.ts';
import type { HttpRoute } from '../../../emulator/http/emulator-part.ts';
import { corsHeaders } from '../../../emulator/http/cors.ts';

/** A pool served over HTTP, plus the `X-Amz-Target` of every Cognito call it answered. */
export interface ServedPool {
  readonly pool: IdentityProvider;
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly calls: string[];
  close(): Promise<void>;
}

/** The password of every seeded user (`emulator/seed-users.json`). */
export const SEED_PASSWORD = 'Passw0rd!';

/** The seeded users of `emulator/seed-users.json` and their groups. */
export const SEEDED_USERS = [
  { email: 'customer@example.com', groups: [], emailVerified: true },
  { email: 'other@example.com', groups: [], emailVerified: true },
  { email: 'agent@example.com', groups: ['agents'], emailVerified: true },
  { email: 'admin@example.com', groups: ['admins'], emailVerified: true },
  { email: 'unverified@example.com', groups: [], emailVerified: false },
] as const;

/**
 * Creates a pool (in memory unless `dataDir` is given) and serves it on a free port.
 *
 * @example
 * const served = await servePool({ inMemory: true });
 * new CognitoIdentityProviderClient({ endpoint: served.endpoint, region: 'us-east-1' });
 */
export async function servePool(options: IdentityProviderOptions = { inMemory: true }): Promise<ServedPool> {
  const pool = await createIdentityProvider(options);
  const served = await serveRoutes(cognitoRoutes(pool.pool));
  return { pool, ...served };
}

/**
 * Serves `routes` as the emulator's router does, on a free port of 127.0.0.1.
 *
 * @example
 * const served = await serveRoutes((await createCognitoPart({ inMemory: true })).routes);
 */
export async function serveRoutes(routes: readonly HttpRoute[]): Promise<Omit<ServedPool, 'pool'>> {
  const calls: string[] = [];
  const server: Server = createServer((request, response) => {
    const target = request.headers['x-amz-target'];
    if (typeof target === 'string') calls.push(target.replace('AWSCognitoIdentityProviderService.', ''));
    for (const [name, value] of Object.entries(corsHeaders(request.headers.origin))) response.setHeader(name, value);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = routes.find((candidate) => candidate.method === request.method && candidate.path === url.pathname);
    if (route === undefined) {
      request.resume();
      response.writeHead(request.method === 'OPTIONS' ? 204 : 404).end();
      return;
    }
    Promise.resolve(route.handle(request, response, url)).catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A fresh temporary directory, removed by the returned `remove()`. */
export function temporaryDirectory(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The decoded (unverified) header and payload of a JWT. */
export function decodeToken(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token.split('.') as [string, string];
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>,
  };
}

/** Calls a Cognito operation with `fetch`, returning status and parsed body. */
export async function callCognito(endpoint: string, operation: string, body: unknown): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}
