import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityProvider, type IdentityProvider } from '../../../emulator/cognito/index.ts';
import { SEED_PASSWORD, SEEDED_USERS, temporaryDirectory } from './helpers.ts';

type Handler = (event: unknown) => Promise<{ isAuthorized: boolean; resolverContext?: Record<string, string> }>;

// The project's real authorizer, configured as the emulator configures it (its four environment
// names, the local JWKS in JWKS_FILE), must accept every token the local pool issues.
describe('Emulator: Cognito tokens and the project authorizer', () => {
  const directory = temporaryDirectory('cognito-authorizer');
  let v1: IdentityProvider;
  let v2: IdentityProvider;
  let handler: Handler;

  beforeAll(async () => {
    v1 = await createIdentityProvider({ inMemory: true });
    v2 = await createIdentityProvider({ inMemory: true, accessTokenEmail: true });
    const jwksFile = join(directory.path, 'jwks.json');
    // One pool id, two in-memory key sets: the authorizer gets both in one JWKS.
    writeFileSync(jwksFile, JSON.stringify({ keys: [...v1.jwks().keys, ...v2.jwks().keys] }));
    Object.assign(process.env, { USER_POOL_ID: v1.userPoolId, APP_CLIENT_ID: v1.clientId, AUTH_TTL_SECONDS: '300', JWKS_FILE: jwksFile });
    ({ handler } = (await import('../../../authorizer/index.ts')) as unknown as { handler: Handler });
  });

  afterAll(() => {
    for (const name of ['USER_POOL_ID', 'APP_CLIENT_ID', 'AUTH_TTL_SECONDS', 'JWKS_FILE']) delete process.env[name];
    directory.remove();
  });

  async function authorize(token: string): Promise<Record<string, string> | undefined> {
    const answer = await handler({
      authorizationToken: token,
      requestContext: { apiId: 'local', accountId: '000000000000', requestId: 'test', queryString: '{ me { sub } }', variables: {} },
      requestHeaders: {},
    });
    return answer.isAuthorized ? answer.resolverContext : undefined;
  }

  it.each(SEEDED_USERS)('accepts the ID and access tokens of $email (V1 trigger)', async ({ email, groups, emailVerified }) => {
    // Prepare
    const tokens = await v1.signIn(email, SEED_PASSWORD);

    // Act
    const fromId = await authorize(tokens.idToken);
    const fromAccess = await authorize(tokens.accessToken);

    // Assess
    expect(fromId).toMatchObject({ email, emailVerified: String(emailVerified), groups: JSON.stringify(groups), tokenUse: 'id' });
    expect(fromAccess).toMatchObject({ email: '', emailVerified: 'false', groups: JSON.stringify(groups), tokenUse: 'access' });
  });

  it.each(SEEDED_USERS)('sees the verified email in the access token of $email only with the V2 trigger', async ({ email, groups, emailVerified }) => {
    // Prepare
    const tokens = await v2.signIn(email, SEED_PASSWORD);

    // Act
    const fromAccess = await authorize(tokens.accessToken);

    // Assess
    expect(fromAccess).toMatchObject({ email: emailVerified ? email : '', emailVerified: String(emailVerified), groups: JSON.stringify(groups), tokenUse: 'access' });
  });
});
