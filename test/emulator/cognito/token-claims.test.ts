import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as projectTrigger } from '../../../triggers/pre-token-generation.ts';
import { callCognito, decodeToken, SEED_PASSWORD, servePool, type ServedPool } from './helpers.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_localdev';

type Trigger = (event: Record<string, any>) => Promise<unknown>;

/** A pool whose trigger the test can swap: the project's real one by default. */
async function servePoolWithTrigger(accessTokenEmail: boolean): Promise<{ served: ServedPool; use(trigger: Trigger): void; events: Array<Record<string, any>> }> {
  const events: Array<Record<string, any>> = [];
  let current: Trigger = projectTrigger as unknown as Trigger;
  const served = await servePool({
    inMemory: true,
    accessTokenEmail,
    preTokenGeneration: async (event: never) => {
      events.push(structuredClone(event as Record<string, any>));
      return current(event);
    },
  });
  return {
    served,
    events,
    use(trigger) {
      current = trigger;
    },
  };
}

async function signInOverHttp(served: ServedPool, email: string): Promise<{ id: ReturnType<typeof decodeToken>; access: ReturnType<typeof decodeToken>; raw: Record<string, any> }> {
  const answer = await callCognito(served.endpoint, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: 'localdevclient',
    AuthParameters: { USERNAME: email, PASSWORD: SEED_PASSWORD },
  });
  if (answer.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(answer.body)}`);
  const result = answer.body.AuthenticationResult as Record<string, any>;
  return { id: decodeToken(result.IdToken), access: decodeToken(result.AccessToken), raw: result };
}

describe('Emulator: Cognito tokens (V1 trigger, the default)', () => {
  let pool: Awaited<ReturnType<typeof servePoolWithTrigger>>;

  beforeAll(async () => {
    pool = await servePoolWithTrigger(false);
  });

  afterAll(async () => {
    await pool.served.close();
  });

  beforeEach(() => {
    pool.use(projectTrigger as unknown as Trigger);
    pool.events.length = 0;
  });

  it('signs ID and access tokens with different keys, both in the JWKS', async () => {
    // Act
    const { id, access, raw } = await signInOverHttp(pool.served, 'customer@example.com');
    const jwks = pool.served.pool.jwks();
    const verifier = CognitoJwtVerifier.create({ userPoolId: 'us-east-1_localdev', tokenUse: null, clientId: 'localdevclient' });
    verifier.cacheJwks(jwks);

    // Assess
    expect(Object.keys(id.header)).toEqual(['kid', 'alg']);
    expect(id.header.alg).toBe('RS256');
    expect(id.header.kid).not.toBe(access.header.kid);
    expect(jwks.keys.map((key) => key.kid)).toEqual([id.header.kid, access.header.kid]);
    for (const key of jwks.keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
      expect(key).toMatchObject({ alg: 'RS256', kty: 'RSA', use: 'sig', e: 'AQAB' });
    }
    expect(verifier.verifySync(raw.IdToken)).toMatchObject({ token_use: 'id' });
    expect(verifier.verifySync(raw.AccessToken)).toMatchObject({ token_use: 'access' });
  });

  it('shapes the ID token exactly like Cognito', async () => {
    // Act
    const agent = await signInOverHttp(pool.served, 'agent@example.com');
    const customer = await signInOverHttp(pool.served, 'customer@example.com');

    // Assess
    const claims = ['sub', 'cognito:groups', 'email_verified', 'iss', 'cognito:username', 'origin_jti', 'aud', 'event_id', 'token_use', 'auth_time', 'exp', 'iat', 'jti', 'email'];
    expect(Object.keys(agent.id.payload)).toEqual(claims);
    expect(Object.keys(customer.id.payload)).toEqual(claims.filter((claim) => claim !== 'cognito:groups'));
    const id = agent.id.payload;
    expect(id).toMatchObject({ 'cognito:groups': ['agents'], email_verified: true, iss: ISSUER, aud: 'localdevclient', token_use: 'id', email: 'agent@example.com' });
    expect(id.sub).toMatch(UUID);
    expect(id['cognito:username']).toBe(id.sub);
    expect(id.origin_jti).toMatch(UUID);
    expect(id.event_id).toMatch(UUID);
    expect(id.jti).toMatch(UUID);
    expect((id.exp as number) - (id.iat as number)).toBe(3600);
    expect(id.auth_time).toBe(id.iat);
  });

  it('shapes the access token exactly like Cognito, without email', async () => {
    // Act
    const agent = await signInOverHttp(pool.served, 'agent@example.com');
    const customer = await signInOverHttp(pool.served, 'customer@example.com');

    // Assess
    const claims = ['sub', 'cognito:groups', 'iss', 'client_id', 'origin_jti', 'event_id', 'token_use', 'scope', 'auth_time', 'exp', 'iat', 'jti', 'username'];
    expect(Object.keys(agent.access.payload)).toEqual(claims);
    expect(Object.keys(customer.access.payload)).toEqual(claims.filter((claim) => claim !== 'cognito:groups'));
    const access = agent.access.payload;
    expect(access).toMatchObject({ 'cognito:groups': ['agents'], iss: ISSUER, client_id: 'localdevclient', token_use: 'access', scope: 'aws.cognito.signin.user.admin' });
    expect(access.username).toBe(agent.id.payload.sub);
    expect(access.origin_jti).toBe(agent.id.payload.origin_jti);
    expect(access.event_id).toBe(agent.id.payload.event_id);
    expect(access.jti).not.toBe(agent.id.payload.jti);
    expect(access).not.toHaveProperty('email');
    expect(access).not.toHaveProperty('aud');
  });

  it('gives the unverified user email_verified false', async () => {
    // Act
    const { id } = await signInOverHttp(pool.served, 'unverified@example.com');

    // Assess
    expect(id.payload).toMatchObject({ email: 'unverified@example.com', email_verified: false });
  });

  it('sends the trigger the V1 event Cognito sends', async () => {
    // Act
    const { id } = await signInOverHttp(pool.served, 'agent@example.com');

    // Assess
    expect(pool.events).toEqual([
      {
        version: '1',
        triggerSource: 'TokenGeneration_Authentication',
        region: 'us-east-1',
        userPoolId: 'us-east-1_localdev',
        userName: id.payload.sub,
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'localdevclient' },
        request: {
          userAttributes: { sub: id.payload.sub, 'cognito:user_status': 'CONFIRMED', email_verified: 'true', email: 'agent@example.com' },
          groupConfiguration: { groupsToOverride: ['agents'], iamRolesToOverride: [], preferredRole: null },
        },
        response: { claimsOverrideDetails: null },
      },
    ]);
  });

  it('runs the trigger again with TokenGeneration_RefreshTokens on refresh', async () => {
    // Prepare
    const { raw } = await signInOverHttp(pool.served, 'customer@example.com');

    // Act
    await callCognito(pool.served.endpoint, 'GetTokensFromRefreshToken', { ClientId: 'localdevclient', RefreshToken: raw.RefreshToken });

    // Assess
    expect(pool.events.map((event) => event.triggerSource)).toEqual(['TokenGeneration_Authentication', 'TokenGeneration_RefreshTokens']);
  });

  it('applies V1 overrides to the ID token only, suppress beating override, core claims unchanged', async () => {
    // Prepare
    pool.use(async (event) => {
      event.response.claimsOverrideDetails = {
        claimsToAddOrOverride: { tenant: 'acme', nickname: 'dropped', sub: 'forged', iss: 'https://evil.example', token_use: 'access', aud: 'other', 'cognito:groups': 'admins' },
        claimsToSuppress: ['nickname', 'email', 'exp'],
      };
      return event;
    });

    // Act
    const { id, access } = await signInOverHttp(pool.served, 'agent@example.com');

    // Assess
    expect(id.payload.tenant).toBe('acme');
    expect(id.payload).not.toHaveProperty('nickname');
    expect(id.payload).not.toHaveProperty('email');
    expect(id.payload).toMatchObject({ iss: ISSUER, token_use: 'id', aud: 'localdevclient', 'cognito:groups': ['agents'] });
    expect(id.payload.sub).toMatch(UUID);
    expect(id.payload.exp).toBe((id.payload.iat as number) + 3600);
    expect(access.payload).not.toHaveProperty('tenant');
  });

  it('replaces groups in both tokens with groupOverrideDetails, and removes them with an empty one', async () => {
    // Prepare
    pool.use(async (event) => {
      event.response.claimsOverrideDetails = {
        groupOverrideDetails: { groupsToOverride: ['admins'], iamRolesToOverride: ['arn:aws:iam::123456789012:role/admin'], preferredRole: 'arn:aws:iam::123456789012:role/admin' },
      };
      return event;
    });
    const replaced = await signInOverHttp(pool.served, 'agent@example.com');
    pool.use(async (event) => {
      event.response.claimsOverrideDetails = { groupOverrideDetails: {} };
      return event;
    });

    // Act
    const removed = await signInOverHttp(pool.served, 'agent@example.com');

    // Assess
    expect(replaced.id.payload).toMatchObject({
      'cognito:groups': ['admins'],
      'cognito:roles': ['arn:aws:iam::123456789012:role/admin'],
      'cognito:preferred_role': 'arn:aws:iam::123456789012:role/admin',
    });
    expect(replaced.access.payload['cognito:groups']).toEqual(['admins']);
    expect(replaced.access.payload).not.toHaveProperty('cognito:roles');
    expect(removed.id.payload).not.toHaveProperty('cognito:groups');
    expect(removed.access.payload).not.toHaveProperty('cognito:groups');
  });

  it('refuses a V1 claim that is not a string with InvalidLambdaResponseException', async () => {
    // Prepare
    pool.use(async (event) => {
      event.response.claimsOverrideDetails = { claimsToAddOrOverride: { level: 3 } };
      return event;
    });

    // Act
    const answer = await callCognito(pool.served.endpoint, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'localdevclient',
      AuthParameters: { USERNAME: 'agent@example.com', PASSWORD: SEED_PASSWORD },
    });

    // Assess
    expect(answer).toMatchObject({ status: 400, body: { __type: 'InvalidLambdaResponseException', message: 'Unrecognizable lambda output' } });
  });

  it('answers UserLambdaValidationException when the trigger fails', async () => {
    // Prepare
    pool.use(async () => {
      throw new Error('boom');
    });

    // Act
    const answer = await callCognito(pool.served.endpoint, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'localdevclient',
      AuthParameters: { USERNAME: 'agent@example.com', PASSWORD: SEED_PASSWORD },
    });

    // Assess
    expect(answer).toMatchObject({ status: 400, body: { __type: 'UserLambdaValidationException', message: 'PreTokenGeneration failed with error boom.' } });
  });
});

describe('Emulator: Cognito tokens (V2 trigger, accessTokenEmail)', () => {
  let pool: Awaited<ReturnType<typeof servePoolWithTrigger>>;

  beforeAll(async () => {
    pool = await servePoolWithTrigger(true);
  });

  afterAll(async () => {
    await pool.served.close();
  });

  beforeEach(() => {
    pool.use(projectTrigger as unknown as Trigger);
    pool.events.length = 0;
  });

  it('puts email and email_verified in the access token of a verified user and keeps groups', async () => {
    // Act
    const { id, access } = await signInOverHttp(pool.served, 'agent@example.com');

    // Assess
    expect(access.payload).toMatchObject({ email: 'agent@example.com', email_verified: true, 'cognito:groups': ['agents'], scope: 'aws.cognito.signin.user.admin' });
    expect(id.payload).toMatchObject({ email: 'agent@example.com', email_verified: true, 'cognito:groups': ['agents'] });
  });

  it('leaves email out of the access token of an unverified user', async () => {
    // Act
    const { id, access } = await signInOverHttp(pool.served, 'unverified@example.com');

    // Assess
    expect(access.payload).not.toHaveProperty('email');
    expect(access.payload).not.toHaveProperty('email_verified');
    expect(id.payload).toMatchObject({ email: 'unverified@example.com', email_verified: false });
  });

  it('sends the trigger the V2 event Cognito sends', async () => {
    // Act
    await signInOverHttp(pool.served, 'customer@example.com');

    // Assess
    const [event] = pool.events;
    expect(event).toMatchObject({ version: '2', triggerSource: 'TokenGeneration_Authentication', response: { claimsAndScopeOverrideDetails: null } });
    expect(event?.request.scopes).toEqual(['aws.cognito.signin.user.admin']);
    expect(event?.request.groupConfiguration).toEqual({ groupsToOverride: [], iamRolesToOverride: [], preferredRole: null });
  });

  it('applies V2 claim and scope changes to each token, suppress beating add, core claims unchanged', async () => {
    // Prepare
    pool.use(async (event) => {
      event.response.claimsAndScopeOverrideDetails = {
        idTokenGeneration: { claimsToAddOrOverride: { plan: { tier: 'gold' } }, claimsToSuppress: ['email'] },
        accessTokenGeneration: {
          claimsToAddOrOverride: { tenant: 'acme', flags: ['a', 'b'], client_id: 'other', username: 'forged', secret: 'x' },
          claimsToSuppress: ['secret'],
          scopesToAdd: ['tickets/read', 'tickets/write'],
          scopesToSuppress: ['tickets/write'],
        },
      };
      return event;
    });

    // Act
    const { id, access } = await signInOverHttp(pool.served, 'customer@example.com');

    // Assess
    expect(id.payload.plan).toEqual({ tier: 'gold' });
    expect(id.payload).not.toHaveProperty('email');
    expect(access.payload).toMatchObject({ tenant: 'acme', flags: ['a', 'b'], client_id: 'localdevclient', scope: 'aws.cognito.signin.user.admin tickets/read' });
    expect(access.payload.username).toBe(id.payload.sub);
    expect(access.payload).not.toHaveProperty('secret');
  });
});

describe('Emulator: Cognito token lifetime', () => {
  it('uses the configured lifetime for exp and ExpiresIn', async () => {
    // Prepare
    const served = await servePool({ inMemory: true, tokenLifetimeSeconds: 300 });

    try {
      // Act
      const { id, access, raw } = await signInOverHttp(served, 'customer@example.com');

      // Assess
      expect(raw.ExpiresIn).toBe(300);
      expect((id.payload.exp as number) - (id.payload.iat as number)).toBe(300);
      expect((access.payload.exp as number) - (access.payload.iat as number)).toBe(300);
    } finally {
      await served.close();
    }
  });

  it('refuses an expired access token in GetUser', async () => {
    // Prepare
    let now = Date.parse('2030-01-01T00:00:00Z');
    const served = await servePool({ inMemory: true, tokenLifetimeSeconds: 300, now: () => now });

    try {
      const { raw } = await signInOverHttp(served, 'customer@example.com');
      now += 301_000;

      // Act
      const answer = await callCognito(served.endpoint, 'GetUser', { AccessToken: raw.AccessToken });

      // Assess
      expect(answer).toMatchObject({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Access Token has expired' } });
    } finally {
      await served.close();
    }
  });
});
