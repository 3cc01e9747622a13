/**
 * AppSync's cache of authorizer answers: one invocation per token within its TTL, another after
 * it; none kept with a TTL of 0; and never past the token's `exp` (the authorizer's
 * `ttlOverride`), so a token that expires inside the TTL is refused afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { graphql, PASSWORD, startTestEmulator, UNAUTHORIZED_BODY } from './support/emulator-fixture.ts';

const QUERY = '{ me { username tokenUse } }';
const TTL_SECONDS = 60;

describe('Emulator: authorizer cache', () => {
  let emulator: RunningEmulator;
  let offsetMs = 0;

  beforeAll(async () => {
    ({ emulator } = await startTestEmulator({ authTtlSeconds: TTL_SECONDS, now: () => Date.now() + offsetMs }));
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it('invokes the authorizer once per token within the TTL, and again after it', async () => {
    // Prepare
    const { idToken, accessToken } = await emulator.identityProvider.signIn('customer@example.com', PASSWORD);
    const before = emulator.authorizerInvocations();

    // Act
    for (let round = 0; round < 3; round += 1) {
      for (const token of [idToken, accessToken]) expect((await graphql(emulator, token, QUERY)).status).toBe(200);
    }
    const withinTtl = emulator.authorizerInvocations() - before;
    offsetMs = (TTL_SECONDS + 1) * 1000;
    for (const token of [idToken, accessToken]) expect((await graphql(emulator, token, QUERY)).status).toBe(200);
    const afterTtl = emulator.authorizerInvocations() - before;
    offsetMs = 0;

    // Assess
    expect(withinTtl).toBe(2);
    expect(afterTtl).toBe(4);
  });

  it('shares one invocation between concurrent first requests with a token', async () => {
    // Prepare
    const { idToken } = await emulator.identityProvider.signIn('other@example.com', PASSWORD);
    const before = emulator.authorizerInvocations();

    // Act
    const answers = await Promise.all(Array.from({ length: 8 }, () => graphql(emulator, idToken, QUERY)));

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    expect(emulator.authorizerInvocations() - before).toBe(1);
  });

  it('caches a refusal too', async () => {
    // Prepare
    const before = emulator.authorizerInvocations();
    const bogus = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

    // Act
    const answers = [await graphql(emulator, bogus, QUERY), await graphql(emulator, bogus, QUERY)];

    // Assess
    expect(answers).toEqual([{ status: 401, body: UNAUTHORIZED_BODY }, { status: 401, body: UNAUTHORIZED_BODY }]);
    expect(emulator.authorizerInvocations() - before).toBe(1);
  });

  it('refuses a token that expires inside the TTL once its exp has passed', async () => {
    // Prepare: issued as if 3598 s ago, so its 60-minute lifetime ends 2 s from now.
    offsetMs = -(3600 - 2) * 1000;
    const { idToken } = await emulator.identityProvider.signIn('agent@example.com', PASSWORD);
    offsetMs = 0;
    const first = await graphql(emulator, idToken, QUERY);

    // Act
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    const later = await graphql(emulator, idToken, QUERY);

    // Assess
    expect(first.status).toBe(200);
    expect(later).toEqual({ status: 401, body: UNAUTHORIZED_BODY });
  });

  it('invokes the authorizer for every request when the TTL is 0', async () => {
    // Prepare
    const { emulator: uncached } = await startTestEmulator({ authTtlSeconds: 0 });
    try {
      const { accessToken } = await uncached.identityProvider.signIn('admin@example.com', PASSWORD);
      const before = uncached.authorizerInvocations();

      // Act
      for (let round = 0; round < 3; round += 1) expect((await graphql(uncached, accessToken, QUERY)).status).toBe(200);

      // Assess
      expect(uncached.authorizerInvocations() - before).toBe(3);
    } finally {
      await uncached.close();
    }
  });
});
