/**
 * One emulator per hostile suite, started in the test on 127.0.0.1 with a free port (it plays
 * Cognito's JWKS host for its own pool, `emulator/faults/`, with a switchboard for faults), and the HTTP helpers the suites
 * share: a GraphQL call that measures its answer time and keeps the raw headers, and a Cognito
 * sign-in through the emulator's `InitiateAuth`.
 */
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JwksFaults } from '../../../emulator/faults/index.ts';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator/index.ts';
import { createTestPool, type TestPool } from '../../helpers/cognito-tokens.ts';
import { clientCredentialsToken } from '../../helpers/client-credentials.ts';

/** The emulator's default pool and client (README, "Quickstart"). */
export const LOCAL_POOL_ID = 'us-east-1_localdev';
export const LOCAL_CLIENT_ID = 'localdevclient';
/** The seeded users' password. */
export const PASSWORD = 'Passw0rd!';

/** AppSync's 401 body, byte for byte. */
export const APPSYNC_UNAUTHORIZED_TEXT = '{"errors":[{"errorType":"UnauthorizedException","message":"You are not authorized to make this call."}]}';

/** A running emulator under attack. */
export interface HostileEmulator {
  readonly emulator: RunningEmulator;
  /**
   * The emulator's own pool keys, made in the test (planted in its data directory before it
   * starts), so that the test can sign any claims with a key the authorizer trusts. `null` when
   * the emulator generated its keys (in memory).
   */
  readonly pool: TestPool | null;
  /** The switchboard of the emulator's JWKS host (`emulator/faults/`). */
  readonly faults: JwksFaults;
  /** The emulator's log lines. */
  readonly logs: string[];
  close(): Promise<void>;
}

/** A test pool with the emulator's pool and client ids, whose keys the test holds. */
export function createLocalTestPool(): TestPool {
  return createTestPool({ userPoolId: LOCAL_POOL_ID, clientId: LOCAL_CLIENT_ID });
}

/** Writes `pool`'s keys as the emulator's `keys.json`, so that it signs and trusts them. */
function plantKeys(dataDir: string, pool: TestPool): void {
  const stored = (key: TestPool['idKey']) => ({ kid: key.kid, privateJwk: key.privateKey.export({ format: 'jwk' }) });
  mkdirSync(join(dataDir, 'cognito'), { recursive: true });
  writeFileSync(
    join(dataDir, 'cognito', 'keys.json'),
    JSON.stringify({ format: 'cognito-emulator-keys/1', idToken: stored(pool.idKey), accessToken: stored(pool.accessKey) }),
  );
}

/**
 * Starts the emulator. With `plantedKeys` (a pool of {@link createLocalTestPool}) it runs on a
 * temporary data directory holding that pool's keys (removed by `close()`); otherwise fully in
 * memory.
 *
 * @example
 * const target = await startHostileEmulator({ plantedKeys: createLocalTestPool() });
 * await target.close();
 */
export async function startHostileEmulator(options: { plantedKeys?: TestPool } & EmulatorOptions = {}): Promise<HostileEmulator> {
  const { plantedKeys, ...emulatorOptions } = options;
  const logs: string[] = [];
  let dataDir: string | null = null;
  const pool = plantedKeys ?? null;
  if (pool !== null) {
    dataDir = mkdtempSync(join(tmpdir(), 'hostile-emulator-'));
    plantKeys(dataDir, pool);
  }
  const emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    ...(dataDir === null ? { inMemory: true } : { dataDir }),
    log: (line) => logs.push(line),
    ...emulatorOptions,
  });
  return {
    emulator,
    pool,
    faults: emulator.jwksFaults,
    logs,
    async close() {
      await emulator.close();
      if (dataDir !== null) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One answer of `POST /graphql`, as the client saw it. */
export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly ms: number;
}

/**
 * Posts one GraphQL request with `authorization` as the raw header (omitted when `null`).
 *
 * @example
 * const answer = await postGraphql(emulator.graphqlUrl, token, { query: '{ me { sub } }' });
 */
export async function postGraphql(url: string, authorization: string | null, body: unknown, extraHeaders: Record<string, string> = {}): Promise<HttpAnswer> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }), ...extraHeaders },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: response.status, text, headers, ms: performance.now() - started };
}

/** Tokens of one sign-in through the Cognito-compatible endpoint. */
export interface SignedIn {
  readonly idToken: string;
  readonly accessToken: string;
}

/** How a request with an oversized header ended: an HTTP status, or the connection's error. */
export type RawOutcome = { readonly status: number; readonly text: string; readonly headers: Readonly<Record<string, string>>; readonly ms: number } | { readonly error: string; readonly ms: number };

/**
 * Posts with `node:http`, which (unlike `fetch`) reports a connection the server reset while the
 * request was still being written, as servers do with headers past their limit.
 */
export function postRaw(url: string, authorization: string, body: string): Promise<RawOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: RawOutcome): void => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization, 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        settle({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers, ms: performance.now() - started });
      });
      response.on('error', (error) => settle({ error: (error as NodeJS.ErrnoException).code ?? error.message, ms: performance.now() - started }));
    });
    request.on('error', (error) => settle({ error: (error as NodeJS.ErrnoException).code ?? error.message, ms: performance.now() - started }));
    request.end(body);
  });
}

/**
 * Signs a seeded user in through `POST /` with `X-Amz-Target: …InitiateAuth`, as an SDK does.
 *
 * @example
 * const { idToken } = await signInOverHttp(emulator, 'agent@example.com');
 */
export async function signInOverHttp(emulator: RunningEmulator, email: string, password = PASSWORD): Promise<SignedIn> {
  const response = await fetch(emulator.cognitoEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: emulator.clientId, AuthParameters: { USERNAME: email, PASSWORD: password } }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { IdToken: string; AccessToken: string } };
  if (response.status !== 200 || body.AuthenticationResult === undefined) throw new Error(`sign-in of ${email} failed with ${response.status}`);
  return { idToken: body.AuthenticationResult.IdToken, accessToken: body.AuthenticationResult.AccessToken };
}

/**
 * The parts of `token` an answer must never contain: the whole value, each dot-separated
 * segment, and (for long segments) a 24-character window from their start, middle and end, so
 * that a partial echo is caught too. Parts shorter than 8 characters are too common to test.
 */
export function tokenFragments(token: string): string[] {
  const fragments = new Set<string>([token]);
  for (const segment of token.split(/[.\s]+/)) {
    fragments.add(segment);
    if (segment.length > 48) {
      const middle = Math.floor(segment.length / 2) - 12;
      for (const start of [0, middle, segment.length - 24]) fragments.add(segment.slice(start, start + 24));
    }
  }
  return [...fragments].filter((fragment) => fragment.length >= 8);
}

/** The fragments of `token` found in `texts`, for an assertion that names them. */
export function echoedFragments(token: string, texts: readonly string[]): string[] {
  return tokenFragments(token).filter((fragment) => texts.some((text) => text.includes(fragment)));
}

export { clientCredentialsToken };

