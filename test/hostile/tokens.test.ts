/**
 * Hostile tokens through the emulator's real `POST /graphql`: every case of the authorizer's unit
 * suite plus tokens crafted against JWT libraries' known weaknesses (`support/token-cases.ts`).
 * Each one must get HTTP 401 with AppSync's exact body (a header past Node's size limit: 431
 * with no body), nothing of the token echoed back (body, headers, the emulator's request log,
 * the authorizer's log), and an answer in bounded time.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createJwksFaults, registerJwksHost, type JwksFaults } from '../../emulator/faults/index.ts';
import {
  APPSYNC_UNAUTHORIZED_TEXT,
  createLocalTestPool,
  echoedFragments,
  postGraphql,
  postRaw,
  signInOverHttp,
  startHostileEmulator,
  type HostileEmulator,
} from './support/hostile-emulator.ts';
import { hostileTokenCases, SEEDED_MACHINE_CLIENT_ID } from './support/token-cases.ts';

/** A functional no-hang bound, not a speed target. */
const ANSWER_BOUND_MS = 2_000;
const QUERY = { query: '{ me { sub username groups tokenUse } }' };
const ATTACKER_JWKS_URL = 'https://attacker.example/.well-known/jwks.json';
/**
 * Refusals of the authorizer's machine-callers suite that no token can reproduce here: they
 * depend on the authorizer's configuration, and the emulator always configures its seeded
 * client-credentials clients.
 */
const MACHINE_REFUSALS_OF_CONFIGURATION = ['machine tokens when no machine client is configured'];

/** The names of a unit suite's `it('refuses …')` tests, read from its source. */
function refusalNames(source: string): string[] {
  return [...source.matchAll(/\bit\(\s*(['"])refuses ((?:\\.|(?!\1).)*)\1/g)].map((match) => (match[2] as string).replace(/\\(.)/g, '$1'));
}

/** The `errorClass` of each refusal the authorizer logged among `lines`. */
function refusalClasses(lines: readonly string[]): unknown[] {
  return lines.flatMap((line) => {
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      return entry.service === 'authorizer' && entry.message === 'Token refused' ? [entry.errorClass] : [];
    } catch {
      return [];
    }
  });
}

const pool = createLocalTestPool();
const cases = hostileTokenCases({ pool, attackerJwksUrl: ATTACKER_JWKS_URL });
const regular = cases.filter((entry) => entry.oversized !== true);
const oversized = cases.filter((entry) => entry.oversized === true);

describe('Hostile tokens over HTTP', () => {
  let target: HostileEmulator;
  let attackerFaults: JwksFaults;
  let removeAttackerHost: () => void;
  /** The authorizer's own log lines (it writes JSON lines to the console). */
  const authorizerLogs: string[] = [];

  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      authorizerLogs.push(String(line));
    });
    target = await startHostileEmulator({ plantedKeys: pool });
    // Should the authorizer ever follow a jku/x5u, the fetch lands here and is counted.
    attackerFaults = createJwksFaults();
    const attacker = registerJwksHost(ATTACKER_JWKS_URL, { jwks: () => ({ keys: [] }), faults: attackerFaults });
    const attackerCert = registerJwksHost(ATTACKER_JWKS_URL.replace('jwks.json', 'cert.pem'), { jwks: () => ({ keys: [] }), faults: attackerFaults });
    removeAttackerHost = () => {
      attacker.remove();
      attackerCert.remove();
    };
  });

  afterAll(async () => {
    removeAttackerHost?.();
    await target?.close();
    vi.restoreAllMocks();
  });

  it('has at least 60 cases, among them every case of the authorizer\'s unit suite', () => {
    // Prepare: the case names of test/authorizer/bad-tokens.test.ts, read from its source.
    const source = readFileSync(new URL('../authorizer/bad-tokens.test.ts', import.meta.url), 'utf8');
    const table = source.slice(source.indexOf('const BAD_TOKENS'), source.indexOf('];', source.indexOf('const BAD_TOKENS')));
    const unitNames = [...table.matchAll(/\[\s*(['"])((?:\\.|(?!\1).)*)\1\s*,\s*\(\)/g)].map((match) => (match[2] as string).replace(/\\(.)/g, '$1'));
    const unitCases = cases.filter((entry) => entry.klass.endsWith('(unit suite)'));

    // Assess
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((entry) => entry.name)).size).toBe(cases.length);
    expect(unitNames.length).toBeGreaterThanOrEqual(30);
    expect(unitNames.filter((name) => !unitCases.some((entry) => entry.name.startsWith(name)))).toEqual([]);
    expect(unitCases).toHaveLength(unitNames.length);
  });

  it('has a Machine callers case for every token the authorizer\'s machine-callers suite refuses', () => {
    // Prepare: the refusals of its describe('Authorizer: machine callers'), not of the configuration's block.
    const source = readFileSync(new URL('../authorizer/machine-callers.test.ts', import.meta.url), 'utf8');
    const start = source.indexOf("describe('Authorizer: machine callers'");
    const block = source.slice(start, source.indexOf('\ndescribe(', start + 1));
    const unitNames = refusalNames(block);
    const machineCases = cases.filter((entry) => entry.klass === 'Machine callers');

    // Assess
    expect(unitNames).toEqual(expect.arrayContaining(MACHINE_REFUSALS_OF_CONFIGURATION));
    const tokenRefusals = unitNames.filter((name) => !MACHINE_REFUSALS_OF_CONFIGURATION.includes(name));
    expect(tokenRefusals.length).toBeGreaterThanOrEqual(5);
    expect(tokenRefusals.filter((name) => !machineCases.some((entry) => entry.name === name))).toEqual([]);
    expect(machineCases.filter((entry) => entry.refusedAs === undefined).map((entry) => entry.name)).toEqual([]);
  });

  it('accepts the genuine tokens the cases are forged from, signed in, issued to a machine client, or signed in the test', async () => {
    // Prepare
    const signedIn = await signInOverHttp(target.emulator, 'agent@example.com');
    const issued = await fetch(target.emulator.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${SEEDED_MACHINE_CLIENT_ID}:reporting-secret`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    const machine = ((await issued.json()) as { access_token: string }).access_token;
    const tokens = [signedIn.idToken, signedIn.accessToken, machine, pool.idToken('customer'), pool.accessToken('admin'), pool.machineToken(SEEDED_MACHINE_CLIENT_ID, ['helpdesk/tickets.read'])];

    // Act
    const answers = await Promise.all(tokens.map((token) => postGraphql(target.emulator.graphqlUrl, token, QUERY)));

    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).not.toHaveProperty('errors');
    }
  });

  it.each(regular.map((entry) => [`${entry.klass}: ${entry.name}`, entry] as const))('refuses %s', async (_name, entry) => {
    // Prepare
    const authorization = entry.authorization();
    const logsBefore = target.logs.length;
    const authorizerLogsBefore = authorizerLogs.length;

    // Act
    const answer = await postGraphql(target.emulator.graphqlUrl, authorization, QUERY);

    // Assess
    expect(answer.status).toBe(401);
    expect(answer.text).toBe(APPSYNC_UNAUTHORIZED_TEXT);
    expect(answer.ms).toBeLessThan(ANSWER_BOUND_MS);
    if (authorization !== null) {
      const seen = [answer.text, ...Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}`), ...target.logs.slice(logsBefore), ...authorizerLogs.slice(authorizerLogsBefore)];
      expect(echoedFragments(authorization, seen)).toEqual([]);
    }
    if (entry.refusedAs !== undefined) expect(refusalClasses(authorizerLogs.slice(authorizerLogsBefore))).toEqual([entry.refusedAs]);
  });

  it.each(oversized.map((entry) => [`${entry.klass}: ${entry.name}`, entry] as const))('refuses %s at the HTTP layer with 431 (or a reset mid-write), and keeps serving', async (_name, entry) => {
    // Prepare
    const authorization = entry.authorization() as string;

    // Act
    const outcome = await postRaw(target.emulator.graphqlUrl, authorization, JSON.stringify(QUERY));
    const next = await postGraphql(target.emulator.graphqlUrl, pool.idToken('customer'), QUERY);

    // Assess
    if ('status' in outcome) {
      // Node's header limit (16 KiB): 431 with no body, and the connection closed.
      expect(outcome.status).toBe(431);
      expect(outcome.text).toBe('');
      expect(outcome.headers.connection).toBe('close');
      expect(echoedFragments(authorization, [outcome.text, ...Object.values(outcome.headers)])).toEqual([]);
    } else {
      // The server may close the connection while the client is still writing the header.
      expect(outcome.error).toMatch(/ECONNRESET|EPIPE|socket hang up/);
    }
    expect(outcome.ms).toBeLessThan(ANSWER_BOUND_MS);
    expect(next.status).toBe(200);
  });

  it('never fetched a key from a URL a token named (jku, x5u)', () => {
    // Assess
    expect(attackerFaults.fetchCount()).toBe(0);
  });
});
