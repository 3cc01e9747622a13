/**
 * The emulator plays Cognito's JWKS host for its pool: when keys rotate, the authorizer's fetch
 * of the issuer's JWKS is answered in process (the loopback-only test setup would refuse a real
 * one), and the switchboard's faults apply to it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { createJwksFaults } from '../../../emulator/faults/index.ts';
import { graphql, PASSWORD, startTestEmulator, UNAUTHORIZED_BODY } from './support/emulator-fixture.ts';

const QUERY = '{ me { email } }';

describe('Emulator: JWKS host', () => {
  let emulator: RunningEmulator | undefined;

  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it("accepts tokens of rotated keys once the authorizer has fetched the pool's new JWKS", async () => {
    // Prepare
    ({ emulator } = await startTestEmulator());
    const before = await emulator.identityProvider.signIn('agent@example.com', PASSWORD);
    emulator.jwksFaults.rotate();
    const rotated = await emulator.identityProvider.signIn('agent@example.com', PASSWORD);

    // Act
    const answer = await graphql(emulator, rotated.idToken, QUERY);

    // Assess
    expect(rotated.idToken.split('.')[0]).not.toBe(before.idToken.split('.')[0]);
    expect(answer).toEqual({ status: 200, body: { data: { me: { email: 'agent@example.com' } } } });
  });

  it('refuses tokens of rotated keys while the JWKS host answers errors', async () => {
    // Prepare
    ({ emulator } = await startTestEmulator({ jwksFaults: createJwksFaults({ status: 503 }) }));
    emulator.jwksFaults.rotate();
    const rotated = await emulator.identityProvider.signIn('customer@example.com', PASSWORD);

    // Act
    const answer = await graphql(emulator, rotated.idToken, QUERY);

    // Assess
    expect(answer).toEqual({ status: 401, body: UNAUTHORIZED_BODY });
  });
});
