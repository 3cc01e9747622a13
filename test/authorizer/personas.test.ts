import { beforeAll, describe, expect, it } from 'vitest';
import { createTestPool, type Persona } from '../helpers/cognito-tokens.ts';
import { authorizerEvent, loadHandler, type Handler } from './load-handler.ts';

// Written out by hand from the rule table of the README ("The rule table") rather than computed with the policy
// code, so that a mistake in the table or its evaluation shows up here.
const STAFF_ONLY = [
  'Query.tickets',
  'Mutation.assignTicket',
  'Mutation.setTicketStatus',
  'Mutation.setInternalNotes',
  'Mutation.deleteTicket',
  'Subscription.onTicketActivity',
  'Ticket.internalNotes',
];
const VERIFIED_EMAIL_ONLY = ['Query.myTickets', 'Mutation.openTicket', 'Mutation.addComment'];
// The ticket's reporter (verified email) or staff: denied only to a caller who can be neither.
const REPORTER_OR_STAFF = ['Subscription.onTicketChanged', 'Subscription.onCommentAdded'];
const NO_EMAIL_NO_STAFF = [...STAFF_ONLY, ...VERIFIED_EMAIL_ONLY, ...REPORTER_OR_STAFF];

type TokenKind = 'ID token' | 'access token' | 'access token enriched by the V2 trigger';

const EXPECTED: ReadonlyArray<[Persona, TokenKind, readonly string[]]> = [
  ['customer', 'ID token', STAFF_ONLY],
  ['customer', 'access token', NO_EMAIL_NO_STAFF],
  ['customer', 'access token enriched by the V2 trigger', STAFF_ONLY],
  ['other', 'ID token', STAFF_ONLY],
  ['other', 'access token', NO_EMAIL_NO_STAFF],
  ['other', 'access token enriched by the V2 trigger', STAFF_ONLY],
  ['agent', 'ID token', ['Mutation.deleteTicket']],
  ['agent', 'access token', [...VERIFIED_EMAIL_ONLY, 'Mutation.deleteTicket']],
  ['agent', 'access token enriched by the V2 trigger', ['Mutation.deleteTicket']],
  ['admin', 'ID token', []],
  ['admin', 'access token', VERIFIED_EMAIL_ONLY],
  ['admin', 'access token enriched by the V2 trigger', []],
  ['unverified', 'ID token', NO_EMAIL_NO_STAFF],
  ['unverified', 'access token', NO_EMAIL_NO_STAFF],
  ['unverified', 'access token enriched by the V2 trigger', NO_EMAIL_NO_STAFF],
];

describe('Authorizer: decisions per persona and token', () => {
  const pool = createTestPool();
  let handler: Handler;

  beforeAll(async () => {
    handler = await loadHandler(pool);
  });

  const mint = (persona: Persona, kind: TokenKind): string =>
    kind === 'ID token'
      ? pool.idToken(persona)
      : pool.accessToken(persona, {}, { withEmail: kind === 'access token enriched by the V2 trigger' });

  it.each(EXPECTED)('authorizes the %s with an %s and denies exactly the expected fields', async (persona, kind, denied) => {
    // Prepare
    const token = mint(persona, kind);

    // Act
    const answer = await handler(authorizerEvent(token));

    // Assess
    expect(answer.isAuthorized).toBe(true);
    expect([...(answer.deniedFields ?? [])].sort()).toEqual([...denied].sort());
  });

  it('describes the caller in a flat, non-empty resolverContext of strings', async () => {
    // Prepare
    const token = pool.accessToken('agent');

    // Act
    const answer = await handler(authorizerEvent(token));

    // Assess
    expect(answer.resolverContext).toEqual({
      kind: 'USER',
      sub: '33333333-3333-4333-8333-333333333333',
      username: '33333333-3333-4333-8333-333333333333',
      clientId: pool.clientId,
      email: '',
      emailVerified: 'false',
      groups: '["agents"]',
      scopes: '["aws.cognito.signin.user.admin"]',
      tokenUse: 'access',
    });
    expect(Object.values(answer.resolverContext ?? {}).every((value) => typeof value === 'string')).toBe(true);
  });

  it('reads the email of an ID token into the resolverContext', async () => {
    // Act
    const answer = await handler(authorizerEvent(pool.idToken('customer')));

    // Assess
    expect(answer.resolverContext).toMatchObject({
      email: 'customer@example.com',
      emailVerified: 'true',
      groups: '[]',
      tokenUse: 'id',
    });
  });

  it('accepts a valid token behind a Bearer prefix in any case', async () => {
    // Prepare
    const token = pool.idToken('customer');

    // Act
    const answers = await Promise.all(['Bearer ', 'bearer ', 'BEARER  '].map((prefix) => handler(authorizerEvent(prefix + token))));

    // Assess
    expect(answers.map((answer) => answer.isAuthorized)).toEqual([true, true, true]);
  });

  it('counts an email as verified only when email_verified is the boolean true', async () => {
    // Prepare: a V1 trigger can only write strings, so a string "true" must not pass.
    const token = pool.idToken('customer', { email_verified: 'true' });

    // Act
    const answer = await handler(authorizerEvent(token));

    // Assess
    expect(answer.isAuthorized).toBe(true);
    expect(answer.deniedFields).toContain('Query.myTickets');
  });

  it('accepts tokens of the newer issuer-cognito-idp issuer form', async () => {
    // Prepare
    const issuer = `https://issuer-cognito-idp.us-east-1.amazonaws.com/${pool.userPoolId}`;

    // Act
    const answer = await handler(authorizerEvent(pool.idToken('customer', { iss: issuer })));

    // Assess
    expect(answer.isAuthorized).toBe(true);
  });

  it('accepts tokens of every configured app client', async () => {
    // Prepare
    const twoClients = await loadHandler(pool, { APP_CLIENT_ID: `otherclient, ${pool.clientId}` });

    // Act
    const answers = await Promise.all([
      twoClients(authorizerEvent(pool.idToken('customer', { aud: 'otherclient' }))),
      twoClients(authorizerEvent(pool.accessToken('customer', { client_id: 'otherclient' }))),
      twoClients(authorizerEvent(pool.idToken('customer', { aud: 'thirdclient' }))),
    ]);

    // Assess
    expect(answers.map((answer) => answer.isAuthorized)).toEqual([true, true, false]);
  });
});
