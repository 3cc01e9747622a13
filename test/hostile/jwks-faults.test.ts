/**
 * JWKS faults through the emulator's real `POST /graphql`: the emulator plays Cognito's JWKS host
 * for its own pool (`emulator/faults/`) and serves it slowly, with errors, or after a key
 * rotation. Valid tokens signed with a key the authorizer cannot get are refused, not hung, and
 * accepted once the key is available; the server keeps answering meanwhile; floods of unknown
 * `kid`s do not hammer the endpoint; a key removed from the JWKS stops being accepted.
 *
 * Each test has its own emulator and user pool id (so its own JWKS URL), which lets them run
 * concurrently: most of their time is spent waiting out the authorizer's fetch interval.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_JWKS_MIN_INTERVAL_MS, DEFAULT_JWKS_TIMEOUT_MS } from '../../authorizer/jwks-fetcher.ts';
import { createSigningKey, signJwt } from '../helpers/cognito-tokens.ts';
import { APPSYNC_UNAUTHORIZED_TEXT, PASSWORD, postGraphql, signInOverHttp, startHostileEmulator, type HostileEmulator } from './support/hostile-emulator.ts';

const QUERY = { query: '{ me { sub tokenUse } }' };
/** The emulator's (and the API's) decision cache TTL, kept small so that key changes show quickly. */
const AUTH_TTL_SECONDS = 1;
/** A refusal while the keys are unavailable: the fetch deadline plus generous slack. */
const REFUSAL_BOUND_MS = DEFAULT_JWKS_TIMEOUT_MS + 1_500;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const attacker = createSigningKey();

let poolNumber = 0;
async function start(): Promise<HostileEmulator> {
  poolNumber += 1;
  return startHostileEmulator({ userPoolId: `us-east-1_jwksfault${poolNumber}${randomUUID().slice(0, 4)}`, authTtlSeconds: AUTH_TTL_SECONDS });
}

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A token with a genuine payload, an unknown `kid` and an attacker's signature. */
function unknownKidToken(genuine: string): string {
  return signJwt({ kid: randomUUID(), alg: 'RS256' }, payloadOf(genuine), attacker.privateKey);
}

/** Posts `token` until `accept(status)` or `timeoutMs`; returns the last status and the time it took. */
async function pollUntil(target: HostileEmulator, token: string, accept: (status: number) => boolean, timeoutMs: number): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  let status = 0;
  while (performance.now() - started < timeoutMs) {
    status = (await postGraphql(target.emulator.graphqlUrl, token, QUERY)).status;
    if (accept(status)) break;
    await pause(250);
  }
  return { status, ms: performance.now() - started };
}

describe('JWKS faults over HTTP', () => {
  beforeAll(() => {
    // The authorizer logs every refusal to the console; the floods below make many.
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });

  afterAll(() => {
    vi.restoreAllMocks();
  });

  it.concurrent('refuses tokens of a rotated key, not hung, while the JWKS answers errors; accepts them after; stays responsive; is not hammered', async () => {
    // Prepare
    const target = await start();
    try {
      const before = await target.emulator.identityProvider.signIn('agent@example.com', PASSWORD);
      target.faults.rotate();
      target.faults.set({ status: 503 });
      // Signed in as a client would, through the Cognito-compatible endpoint: it issues rotated tokens.
      const rotated = await signInOverHttp(target.emulator, 'agent@example.com');
      const fetchesBefore = target.faults.fetchCount();

      // Act
      const floodStarted = performance.now();
      const during = await postGraphql(target.emulator.graphqlUrl, rotated.idToken, QUERY);
      const meanwhile = await postGraphql(target.emulator.graphqlUrl, before.accessToken, QUERY);
      const flood = await Promise.all(Array.from({ length: 60 }, (_, index) =>
        postGraphql(target.emulator.graphqlUrl, index % 3 === 0 ? rotated.accessToken : unknownKidToken(rotated.idToken), QUERY)));
      const fetchesDuringErrors = target.faults.fetchCount() - fetchesBefore;
      const floodMs = performance.now() - floodStarted;
      target.faults.heal();
      const after = await pollUntil(target, rotated.idToken, (status) => status === 200, DEFAULT_JWKS_MIN_INTERVAL_MS + 3_000);

      // Assess
      expect(during.status).toBe(401);
      expect(during.text).toBe(APPSYNC_UNAUTHORIZED_TEXT);
      expect(during.ms).toBeLessThan(REFUSAL_BOUND_MS);
      expect(meanwhile.status).toBe(200);
      expect(meanwhile.ms).toBeLessThan(REFUSAL_BOUND_MS);
      expect(flood.map((answer) => answer.status)).toEqual(flood.map(() => 401));
      expect(Math.max(...flood.map((answer) => answer.ms))).toBeLessThan(REFUSAL_BOUND_MS);
      // One attempt per interval, failed or not: the first token's; the flood finds it throttled
      // (a second interval only begins if a slow machine stretches the flood past it).
      expect(fetchesDuringErrors).toBeGreaterThanOrEqual(1);
      expect(fetchesDuringErrors).toBeLessThanOrEqual(1 + Math.floor(floodMs / DEFAULT_JWKS_MIN_INTERVAL_MS));
      expect(after.status).toBe(200);
    } finally {
      await target.close();
    }
  });

  it.concurrent('refuses tokens of a rotated key within the fetch deadline while the JWKS is slow, answers others meanwhile, and accepts them after', async () => {
    // Prepare
    const target = await start();
    try {
      const before = await target.emulator.identityProvider.signIn('customer@example.com', PASSWORD);
      target.faults.rotate();
      target.faults.set({ delayMs: DEFAULT_JWKS_TIMEOUT_MS + 2_000 });
      const rotated = await target.emulator.identityProvider.signIn('customer@example.com', PASSWORD);

      // Act
      let duringDoneAt = Number.POSITIVE_INFINITY;
      const pending = postGraphql(target.emulator.graphqlUrl, rotated.idToken, QUERY).then((answer) => {
        duringDoneAt = performance.now();
        return answer;
      });
      await pause(200);
      const meanwhile = await Promise.all(Array.from({ length: 5 }, () =>
        postGraphql(target.emulator.graphqlUrl, before.idToken, { query: '{ myTickets { items { id } } }' }).then((answer) => ({ answer, doneAt: performance.now() }))));
      const during = await pending;
      target.faults.heal();
      const after = await pollUntil(target, rotated.idToken, (status) => status === 200, DEFAULT_JWKS_MIN_INTERVAL_MS + 3_000);

      // Assess
      expect(during.status).toBe(401);
      expect(during.text).toBe(APPSYNC_UNAUTHORIZED_TEXT);
      expect(during.ms).toBeGreaterThanOrEqual(DEFAULT_JWKS_TIMEOUT_MS - 100);
      expect(during.ms).toBeLessThan(REFUSAL_BOUND_MS);
      // Answered while the fetch was still pending, not queued behind it.
      for (const { answer, doneAt } of meanwhile) {
        expect(answer.status).toBe(200);
        expect(doneAt).toBeLessThan(duringDoneAt);
      }
      expect(after.status).toBe(200);
    } finally {
      await target.close();
    }
  });

  it.concurrent('fetches at most once per interval for a flood of unknown kids while the JWKS is healthy', async () => {
    // Prepare
    const target = await start();
    try {
      const genuine = await target.emulator.identityProvider.signIn('other@example.com', PASSWORD);
      const fetchesBefore = target.faults.fetchCount();
      const started = performance.now();

      // Act: 8 clients sending forged unknown-kid tokens for 2.5 s.
      const answers = (await Promise.all(Array.from({ length: 8 }, async () => {
        const mine = [];
        while (performance.now() - started < 2_500) mine.push(await postGraphql(target.emulator.graphqlUrl, unknownKidToken(genuine.idToken), QUERY));
        return mine;
      }))).flat();
      const fetches = target.faults.fetchCount() - fetchesBefore;
      const floodMs = performance.now() - started;

      // Assess
      expect(answers.length).toBeGreaterThan(10);
      expect(answers.every((answer) => answer.status === 401 && answer.text === APPSYNC_UNAUTHORIZED_TEXT)).toBe(true);
      expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(2_000);
      expect(fetches).toBeGreaterThanOrEqual(1);
      expect(fetches).toBeLessThanOrEqual(1 + Math.floor(floodMs / DEFAULT_JWKS_MIN_INTERVAL_MS));
    } finally {
      await target.close();
    }
  });

  it.concurrent('stops accepting a key removed from the JWKS within the decision TTL once the new keys are fetched', async () => {
    // Prepare
    const target = await start();
    try {
      const before = await target.emulator.identityProvider.signIn('admin@example.com', PASSWORD);
      const acceptedBefore = await postGraphql(target.emulator.graphqlUrl, before.idToken, QUERY);
      target.faults.rotate();
      const rotated = await target.emulator.identityProvider.signIn('admin@example.com', PASSWORD);

      // Act
      const newKey = await postGraphql(target.emulator.graphqlUrl, rotated.idToken, QUERY);
      const removed = await pollUntil(target, before.idToken, (status) => status === 401, AUTH_TTL_SECONDS * 1000 + 3_000);
      const removedAgain = await postGraphql(target.emulator.graphqlUrl, before.accessToken, QUERY);

      // Assess
      expect(acceptedBefore.status).toBe(200);
      expect(newKey.status).toBe(200);
      expect(removed.status).toBe(401);
      // The decision caches (AppSync's and the authorizer's own) may replay it for one TTL.
      expect(removed.ms).toBeLessThan(AUTH_TTL_SECONDS * 1000 + 1_500);
      expect(removedAgain.status).toBe(401);
      expect(removedAgain.text).toBe(APPSYNC_UNAUTHORIZED_TEXT);
    } finally {
      await target.close();
    }
  });
});
