/**
 * With the stack's V2_0 trigger flag (`accessTokenEmail`, `--access-token-email`), access tokens
 * carry the verified email, so email rules pass with Amplify's default token too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { graphql, PASSWORD, startTestEmulator } from './support/emulator-fixture.ts';

describe('Emulator: access tokens with email (V2_0 trigger)', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    ({ emulator } = await startTestEmulator({ accessTokenEmail: true }));
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it("lets a verified customer's access token use email rules", async () => {
    // Prepare
    const { accessToken } = await emulator.identityProvider.signIn('customer@example.com', PASSWORD);

    // Act
    const opened = await graphql(emulator, accessToken, 'mutation { openTicket(input: { title: "V2", body: "x" }) { id reporter } }');
    const mine = await graphql(emulator, accessToken, '{ me { email tokenUse } myTickets { items { reporter } } }');

    // Assess
    expect(opened.body.errors).toBeUndefined();
    expect(mine.body).toEqual({ data: { me: { email: 'customer@example.com', tokenUse: 'ACCESS' }, myTickets: { items: [{ reporter: 'customer@example.com' }] } } });
  });

  it('still gives an unverified user no email rules with the access token', async () => {
    // Prepare
    const { accessToken } = await emulator.identityProvider.signIn('unverified@example.com', PASSWORD);

    // Act
    const mine = await graphql(emulator, accessToken, '{ myTickets { items { id } } }');

    // Assess
    expect(mine.body.data).toBeNull();
    expect(mine.body.errors).toEqual([expect.objectContaining({ path: ['myTickets'], errorType: 'Unauthorized' })]);
  });
});
