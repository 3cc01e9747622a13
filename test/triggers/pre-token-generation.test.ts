import type { PreTokenGenerationTriggerEvent, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../triggers/pre-token-generation.ts';

// Shapes from the Cognito developer guide, "Pre token generation Lambda trigger" (V1_0 and V2_0).
const V1_EVENT: PreTokenGenerationTriggerEvent = {
  version: '1',
  triggerSource: 'TokenGeneration_Authentication',
  region: 'us-east-1',
  userPoolId: 'us-east-1_EXAMPLE',
  userName: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
  callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '1example23456789' },
  request: {
    userAttributes: {
      sub: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
      'cognito:user_status': 'CONFIRMED',
      email_verified: 'true',
      email: 'customer@example.com',
    },
    groupConfiguration: { groupsToOverride: ['agents'], iamRolesToOverride: [], preferredRole: undefined },
  },
  response: { claimsOverrideDetails: null as never },
};

function v2Event(attributes: Record<string, string>, groups: string[]): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'us-east-1',
    userPoolId: 'us-east-1_EXAMPLE',
    userName: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE22222',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '1example23456789' },
    request: {
      userAttributes: { sub: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE22222', 'cognito:user_status': 'CONFIRMED', ...attributes },
      groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [], preferredRole: undefined },
      scopes: ['aws.cognito.signin.user.admin'],
    },
    response: { claimsAndScopeOverrideDetails: null as never },
  };
}

describe('Trigger: pre token generation', () => {
  it('leaves a V1 event untouched, so the ID token keeps its standard claims and groups', async () => {
    // Prepare
    const event = structuredClone(V1_EVENT);

    // Act
    const result = await handler(event);

    // Assess
    expect(result).toEqual(V1_EVENT);
  });

  it.each([
    ['with groups', ['agents']],
    ['without groups', []],
  ])('adds the verified email to a V2 access token and keeps the user\'s groups (%s)', async (_name, groups) => {
    // Prepare
    const event = v2Event({ email: 'agent@example.com', email_verified: 'true' }, groups);

    // Act
    const result = (await handler(event)) as PreTokenGenerationV2TriggerEvent;

    // Assess
    expect(result.response.claimsAndScopeOverrideDetails).toEqual({
      accessTokenGeneration: { claimsToAddOrOverride: { email: 'agent@example.com', email_verified: true } },
      groupOverrideDetails: { groupsToOverride: groups, iamRolesToOverride: [] },
    });
  });

  it.each([
    ['an unverified email', { email: 'unverified@example.com', email_verified: 'false' }],
    ['no email_verified attribute', { email: 'unverified@example.com' }],
    ['no email', { email_verified: 'true' }],
  ])('adds nothing to a V2 access token for %s, and keeps the groups', async (_name, attributes) => {
    // Prepare
    const event = v2Event(attributes, ['admins']);

    // Act
    const result = (await handler(event)) as PreTokenGenerationV2TriggerEvent;

    // Assess
    expect(result.response.claimsAndScopeOverrideDetails).toEqual({
      accessTokenGeneration: { claimsToAddOrOverride: {} },
      groupOverrideDetails: { groupsToOverride: ['admins'], iamRolesToOverride: [] },
    });
  });

  it('treats a refresh-token V2 event like a sign-in', async () => {
    // Prepare
    const event = { ...v2Event({ email: 'c@example.com', email_verified: 'true' }, []), triggerSource: 'TokenGeneration_RefreshTokens' as const };

    // Act
    const result = (await handler(event)) as PreTokenGenerationV2TriggerEvent;

    // Assess
    expect(result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride).toEqual({
      email: 'c@example.com',
      email_verified: true,
    });
  });

  it('leaves a V3_0 client-credentials event untouched: a machine token has no user to add claims of', async () => {
    // Prepare: the M2M variant of the V3_0 event carries no user attributes and no groups.
    const event = {
      version: '3',
      triggerSource: 'TokenGeneration_ClientCredentials',
      region: 'us-east-1',
      userPoolId: 'us-east-1_EXAMPLE',
      userName: null,
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'reportingclient' },
      request: { userAttributes: {}, scopes: ['helpdesk/tickets.read'], clientMetadata: {} },
      response: { claimsAndScopeOverrideDetails: null },
    } as unknown as PreTokenGenerationV2TriggerEvent;
    const before = structuredClone(event);

    // Act
    const result = await handler(event);

    // Assess
    expect(result).toEqual(before);
  });
});
