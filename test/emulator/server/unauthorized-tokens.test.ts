/**
 * HTTP 401 with AppSync's body for every token that must not pass: missing, malformed (refused
 * by the validation expression without invoking the authorizer), expired, forged (signed with
 * keys made in the test), and foreign (another user pool, another app client's keys).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityProvider } from '../../../emulator/cognito/index.ts';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { createSigningKey, signJwt } from '../../helpers/cognito-tokens.ts';
import { graphql, PASSWORD, startTestEmulator, UNAUTHORIZED_BODY } from './support/emulator-fixture.ts';

const QUERY = '{ me { username } }';

function decodePart(token: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[index] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('Emulator: unauthorized tokens', () => {
  let emulator: RunningEmulator;
  let offsetMs = 0;
  let valid: { idToken: string; accessToken: string };
  let expired: { idToken: string; accessToken: string };

  beforeAll(async () => {
    ({ emulator } = await startTestEmulator({ now: () => Date.now() + offsetMs }));
    valid = await emulator.identityProvider.signIn('agent@example.com', PASSWORD);
    // Issued two hours ago by the emulator's own pool: genuine signature, past `exp`.
    offsetMs = -2 * 3600 * 1000;
    expired = await emulator.identityProvider.signIn('agent@example.com', PASSWORD);
    offsetMs = 0;
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it('accepts the valid ID and access tokens it refuses the others against', async () => {
    // Act
    const answers = await Promise.all([valid.idToken, valid.accessToken, `Bearer ${valid.idToken}`].map((token) => graphql(emulator, token, QUERY)));

    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
    }
  });

  it('refuses a request without a token, also when it has an API key', async () => {
    // Act
    const bare = await graphql(emulator, null, QUERY);
    const withApiKey = await graphql(emulator, null, QUERY, {}, { 'x-api-key': 'da2-anything' });

    // Assess
    expect(bare).toEqual({ status: 401, body: UNAUTHORIZED_BODY });
    expect(withApiKey).toEqual({ status: 401, body: UNAUTHORIZED_BODY });
  });

  it.each([
    ['an empty-looking value', ' '],
    ['a word', 'hello'],
    ['two segments', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0'],
    ['a JWT with a character outside base64url', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln!'],
    ['a Basic credential', 'Basic dXNlcjpwYXNz'],
  ])('refuses %s without invoking the authorizer', async (_name, token) => {
    // Prepare
    const before = emulator.authorizerInvocations();

    // Act
    const answer = await graphql(emulator, token, QUERY);

    // Assess
    expect(answer).toEqual({ status: 401, body: UNAUTHORIZED_BODY });
    expect(emulator.authorizerInvocations()).toBe(before);
  });

  it.each(['idToken', 'accessToken'] as const)('refuses an expired %s of its own pool', async (kind) => {
    // Act
    const answer = await graphql(emulator, expired[kind], QUERY);

    // Assess
    expect(answer).toEqual({ status: 401, body: UNAUTHORIZED_BODY });
  });

  it.each(['idToken', 'accessToken'] as const)('refuses a forged %s: real claims and kid, signed with a key made in the test', async (kind) => {
    // Prepare
    const real = valid[kind];
    const forger = createSigningKey(String(decodePart(real, 0).kid));
    const forged = signJwt(decodePart(real, 0), { ...decodePart(real, 1), 'cognito:groups': ['admins'] }, forger.privateKey);

    // Act
    const answer = await graphql(emulator, forged, QUERY);

    // Assess
    expect(answer).toEqual({ status: 401, body: UNAUTHORIZED_BODY });
    expect(JSON.stringify(answer.body)).not.toContain(forged.slice(0, 20));
  });

  it('refuses a token of another user pool', async () => {
    // Prepare
    const foreign = await createIdentityProvider({ inMemory: true, userPoolId: 'us-east-1_foreign', preTokenGeneration: null });
    const tokens = await foreign.signIn('agent@example.com', PASSWORD);

    // Act
    const answers = await Promise.all([tokens.idToken, tokens.accessToken].map((token) => graphql(emulator, token, QUERY)));

    // Assess
    expect(answers).toEqual([
      { status: 401, body: UNAUTHORIZED_BODY },
      { status: 401, body: UNAUTHORIZED_BODY },
    ]);
  });

  it('refuses a token of another app client with the same pool id but its own keys', async () => {
    // Prepare
    const impostor = await createIdentityProvider({ inMemory: true, clientId: 'someotherclient', preTokenGeneration: null });
    const tokens = await impostor.signIn('admin@example.com', PASSWORD);

    // Act
    const answer = await graphql(emulator, tokens.idToken, QUERY);

    // Assess
    expect(answer).toEqual({ status: 401, body: UNAUTHORIZED_BODY });
  });
});
