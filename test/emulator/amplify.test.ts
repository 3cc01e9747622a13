/**
 * Amplify v6 against the emulator, as a web or mobile app would use it: sign in through the
 * Cognito-compatible endpoint (`USER_PASSWORD_AUTH`, `userPoolEndpoint`), then call the API
 * - with `authMode: 'userPool'`, Amplify's default with Cognito: it sends the **access token**
 *   as `Authorization`, which AppSync hands to the Lambda authorizer unchanged;
 * - with `authMode: 'lambda'` and `authToken` set to the **ID token**, the community recipe for
 *   Lambda-authorized APIs that need the email claim.
 */
import { Amplify } from 'aws-amplify';
import { generateClient, type GraphQLResult } from 'aws-amplify/api';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/start-emulator.ts';
import { PASSWORD, startTestEmulator } from './server/support/emulator-fixture.ts';

const ME = /* GraphQL */ `query Me { me { email groups tokenUse } }`;
const MY_TICKETS = /* GraphQL */ `query Mine { myTickets(limit: 5) { items { id title } nextToken } }`;
const OPEN = /* GraphQL */ `mutation Open($input: OpenTicketInput!) { openTicket(input: $input) { id title reporter } }`;
const TICKETS = /* GraphQL */ `query Open { tickets(status: OPEN) { items { id internalNotes } } }`;

type Options = { query: string; variables?: Record<string, unknown>; authMode?: 'lambda' | 'userPool'; authToken?: string };

/** `client.graphql` for the untyped query strings of this test. */
function run(options: Options): Promise<GraphQLResult<Record<string, unknown>>> {
  return generateClient().graphql(options) as Promise<GraphQLResult<Record<string, unknown>>>;
}

async function tokensOf(email: string): Promise<{ idToken: string; accessToken: string }> {
  await signOut();
  await signIn({ username: email, password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  const session = await fetchAuthSession();
  return { idToken: session.tokens?.idToken?.toString() ?? '', accessToken: session.tokens?.accessToken.toString() ?? '' };
}

describe('Emulator: Amplify v6 client', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    ({ emulator } = await startTestEmulator());
    Amplify.configure({
      Auth: { Cognito: { userPoolId: emulator.userPoolId, userPoolClientId: emulator.clientId, userPoolEndpoint: emulator.cognitoEndpoint } },
      API: { GraphQL: { endpoint: emulator.graphqlUrl, region: emulator.region, defaultAuthMode: 'userPool' } },
    });
  });

  afterAll(async () => {
    await signOut();
    await emulator?.close();
  });

  beforeEach(async () => {
    await signOut();
  });

  it('sends the access token by default (authMode userPool): groups work, email rules deny', async () => {
    // Prepare
    await signIn({ username: 'customer@example.com', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });

    // Act
    const me = await run({ query: ME });
    const mine = await run({ query: MY_TICKETS }).then(
      () => null,
      (failure: { data?: unknown; errors?: Array<{ errorType?: string; message: string }> }) => failure,
    );

    // Assess
    expect(me.data).toEqual({ me: { email: null, groups: [], tokenUse: 'ACCESS' } });
    expect(mine?.errors).toEqual([
      expect.objectContaining({ errorType: 'Unauthorized', message: 'Not Authorized to access myTickets on type Query', path: ['myTickets'] }),
    ]);
  });

  it('sends the ID token with authMode lambda and authToken, so email rules pass', async () => {
    // Prepare
    const { idToken } = await tokensOf('customer@example.com');

    // Act
    const opened = await run({ query: OPEN, variables: { input: { title: 'From Amplify', body: 'Hello' } }, authMode: 'lambda', authToken: idToken });
    const mine = await run({ query: MY_TICKETS, authMode: 'lambda', authToken: idToken });
    const me = await run({ query: ME, authMode: 'lambda', authToken: idToken });

    // Assess
    const ticket = (opened.data as { openTicket: { id: string; title: string; reporter: string } }).openTicket;
    expect(ticket).toMatchObject({ title: 'From Amplify', reporter: 'customer@example.com' });
    expect((mine.data as { myTickets: { items: Array<{ id: string }> } }).myTickets.items.map((item) => item.id)).toContain(ticket.id);
    expect(me.data).toEqual({ me: { email: 'customer@example.com', groups: [], tokenUse: 'ID' } });
  });

  it("answers an agent's staff query with either token", async () => {
    // Prepare
    const { idToken, accessToken } = await tokensOf('agent@example.com');

    // Act
    const withAccess = await run({ query: TICKETS, authMode: 'lambda', authToken: accessToken });
    const withId = await run({ query: TICKETS, authMode: 'lambda', authToken: idToken });

    // Assess
    expect(withAccess.errors).toBeUndefined();
    expect(withId.errors).toBeUndefined();
    expect((withId.data as { tickets: { items: unknown[] } }).tickets.items.length).toBeGreaterThan(0);
  });

  it('surfaces the 401 of a bad token as UnauthorizedException', async () => {
    // Act
    const failure = await run({ query: ME, authMode: 'lambda', authToken: 'not-a-token' }).then(
      () => null,
      (error: unknown) => error as { errors?: Array<{ originalError?: { name?: string; underlyingError?: { $metadata?: { httpStatusCode?: number } } } }> },
    );

    // Assess: Amplify reports a non-2xx answer by its x-amzn-ErrorType and status, as it does AppSync's.
    const original = failure?.errors?.[0]?.originalError;
    expect(original?.name).toBe('UnauthorizedException');
    expect(original?.underlyingError?.$metadata?.httpStatusCode).toBe(401);
  });
});
