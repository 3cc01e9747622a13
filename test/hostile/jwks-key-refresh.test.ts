/**
 * The longest a removed key stays accepted when no token with a new `kid` forces a fetch: the
 * authorizer refreshes fetched keys after 10 minutes (`authorizer/jwks-cache.ts`). The test
 * moves the clock (`Date` only; timers stay real) instead of waiting, which is why it has a file
 * of its own: nothing else may run in this process while the clock is moved.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_JWKS_MAX_AGE_MS } from '../../authorizer/jwks-cache.ts';
import { PASSWORD, postGraphql, startHostileEmulator, type HostileEmulator } from './support/hostile-emulator.ts';

const QUERY = { query: '{ me { sub } }' };
const AUTH_TTL_SECONDS = 1;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('JWKS faults over HTTP: fetched keys expire', () => {
  let target: HostileEmulator;

  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    target = await startHostileEmulator({ userPoolId: `us-east-1_refresh${randomUUID().slice(0, 6)}`, authTtlSeconds: AUTH_TTL_SECONDS });
  });

  afterAll(async () => {
    vi.useRealTimers();
    await target?.close();
    vi.restoreAllMocks();
  });

  it('stops accepting a key the JWKS no longer publishes once the fetched keys are 10 minutes old, without any new kid', async () => {
    // Prepare: a fresh authorizer instance that reads the (moved) clock, keys of both generations fetched.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    await target.emulator.reload();
    const old = await target.emulator.identityProvider.signIn('agent@example.com', PASSWORD);
    target.faults.rotate({ keepOld: true });
    const rotated = await target.emulator.identityProvider.signIn('agent@example.com', PASSWORD);
    const rotatedAccepted = await postGraphql(target.emulator.graphqlUrl, rotated.idToken, QUERY);
    target.faults.retireOldKeys();
    const fetchesAfterRotation = target.faults.fetchCount();

    // Act
    vi.setSystemTime(Date.now() + DEFAULT_JWKS_MAX_AGE_MS - 60_000);
    const beforeExpiry = await postGraphql(target.emulator.graphqlUrl, old.idToken, QUERY);
    vi.setSystemTime(Date.now() + 61_000);
    // AppSync's cache in the emulator runs on the real clock: let its 1 s entry lapse.
    await pause(AUTH_TTL_SECONDS * 1000 + 100);
    const afterExpiry = await postGraphql(target.emulator.graphqlUrl, old.idToken, QUERY);
    const rotatedStill = await postGraphql(target.emulator.graphqlUrl, rotated.accessToken, QUERY);

    // Assess
    expect(rotatedAccepted.status).toBe(200);
    expect(beforeExpiry.status).toBe(200);
    expect(afterExpiry.status).toBe(401);
    expect(rotatedStill.status).toBe(200);
    expect(target.faults.fetchCount()).toBeGreaterThan(fetchesAfterRotation);
  });
});
