import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoConfigurationError, createIdentityProvider, type IdentityProvider } from '../../../emulator/cognito/index.ts';
import { callCognito, decodeToken, SEED_PASSWORD, servePool, temporaryDirectory } from './helpers.ts';

describe('Emulator: Cognito data directory', () => {
  const first = temporaryDirectory('cognito-a');
  const second = temporaryDirectory('cognito-b');
  let original: IdentityProvider;
  let reopened: IdentityProvider;
  let elsewhere: IdentityProvider;

  beforeAll(async () => {
    original = await createIdentityProvider({ dataDir: first.path });
    reopened = await createIdentityProvider({ dataDir: first.path });
    elsewhere = await createIdentityProvider({ dataDir: second.path });
  });

  afterAll(() => {
    first.remove();
    second.remove();
  });

  it('keeps the signing keys and the subs across providers on the same data directory', async () => {
    // Prepare
    const verifier = CognitoJwtVerifier.create({ userPoolId: 'us-east-1_localdev', tokenUse: null, clientId: 'localdevclient' });
    verifier.cacheJwks(reopened.jwks());

    // Act
    const tokens = await original.signIn('agent@example.com', SEED_PASSWORD);

    // Assess
    expect(reopened.jwks()).toEqual(original.jwks());
    expect(reopened.users.map((user) => user.sub)).toEqual(original.users.map((user) => user.sub));
    expect(verifier.verifySync(tokens.idToken).sub).toBe(original.users[2]?.sub);
    expect(verifier.verifySync(tokens.accessToken).username).toBe(original.users[2]?.username);
  });

  it('generates different keys and subs for another data directory', () => {
    // Assess
    const kids = new Set(original.jwks().keys.map((key) => key.kid));
    expect(elsewhere.jwks().keys.some((key) => kids.has(key.kid))).toBe(false);
    expect(elsewhere.users[0]?.sub).not.toBe(original.users[0]?.sub);
  });

  it('keeps refresh tokens across a restart', async () => {
    // Prepare
    const tokens = await original.signIn('customer@example.com', SEED_PASSWORD);
    const restarted = await createIdentityProvider({ dataDir: first.path });

    // Act
    const answer = await restarted.handleCognitoRequest({
      target: 'AWSCognitoIdentityProviderService.GetTokensFromRefreshToken',
      body: JSON.stringify({ ClientId: 'localdevclient', RefreshToken: tokens.refreshToken }),
    });

    // Assess
    expect(answer.status).toBe(200);
    const result = (JSON.parse(answer.body) as { AuthenticationResult: { IdToken: string } }).AuthenticationResult;
    expect(decodeToken(result.IdToken).payload.origin_jti).toBe(decodeToken(tokens.idToken).payload.origin_jti);
  });

  it('keeps no plaintext password or refresh token on disk, and only hashes in the user store', async () => {
    // Prepare
    const tokens = await original.signIn('admin@example.com', SEED_PASSWORD);
    const directory = join(first.path, 'cognito');

    // Act
    const files = readdirSync(directory);
    const contents = files.map((file) => readFileSync(join(directory, file), 'utf8'));

    // Assess
    expect(files.sort()).toEqual(['keys.json', 'refresh-tokens.json', 'users.json']);
    for (const content of contents) {
      expect(content).not.toContain(SEED_PASSWORD);
      expect(content).not.toContain(tokens.refreshToken);
    }
    const stored = JSON.parse(readFileSync(join(directory, 'users.json'), 'utf8')) as { users: Array<Record<string, unknown>> };
    expect(stored.users).toHaveLength(5);
    for (const user of stored.users) {
      expect(user.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(user).not.toHaveProperty('password');
    }
    expect(new Set(stored.users.map((user) => user.passwordHash)).size).toBe(5);
    for (const file of files) expect(statSync(join(directory, file)).mode & 0o077).toBe(0);
  });

  it('writes the public JWKS, and only public key material, to a file', () => {
    // Prepare
    const path = join(first.path, 'out', 'jwks.json');

    // Act
    original.writeJwksFile(path);

    // Assess
    const written = JSON.parse(readFileSync(path, 'utf8')) as { keys: Array<Record<string, unknown>> };
    expect(written).toEqual(original.jwks());
    for (const key of written.keys) for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(secret);
  });
});

describe('Emulator: Cognito seed file', () => {
  const directory = temporaryDirectory('cognito-seed');

  afterAll(() => {
    directory.remove();
  });

  it('names the user and the key when the seed file has a typo', async () => {
    // Prepare
    const seedFile = join(directory.path, 'typo.json');
    writeFileSync(seedFile, JSON.stringify({ users: [{ email: 'a@example.com', password: 'x', group: ['agents'] }] }));

    // Act
    const creating = createIdentityProvider({ inMemory: true, seedFile });

    // Assess
    await expect(creating).rejects.toThrow(CognitoConfigurationError);
    await expect(creating).rejects.toThrow(/users\[0\]: unknown key "group"/);
  });

  it('puts extra seed attributes in the ID token and GetUser', async () => {
    // Prepare
    const seedFile = join(directory.path, 'attributes.json');
    writeFileSync(seedFile, JSON.stringify({ users: [{ email: 'Named@Example.com', password: 'Secret-1', attributes: { name: 'Named User', 'custom:tenant': 'acme' } }] }));
    const served = await servePool({ inMemory: true, seedFile });

    try {
      // Act
      const signedIn = await callCognito(served.endpoint, 'InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: 'localdevclient',
        AuthParameters: { USERNAME: 'named@example.com', PASSWORD: 'Secret-1' },
      });
      const result = signedIn.body.AuthenticationResult as { IdToken: string; AccessToken: string };
      const user = await callCognito(served.endpoint, 'GetUser', { AccessToken: result.AccessToken });

      // Assess
      expect(decodeToken(result.IdToken).payload).toMatchObject({ name: 'Named User', 'custom:tenant': 'acme', email: 'named@example.com', email_verified: true });
      expect(user.body.UserAttributes).toContainEqual({ Name: 'custom:tenant', Value: 'acme' });
    } finally {
      await served.close();
    }
  });
});
