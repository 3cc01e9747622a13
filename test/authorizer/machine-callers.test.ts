/**
 * Machine callers: client-credentials access tokens of the configured machine clients are a
 * kind of caller of their own, granted by their scopes alone; nothing else new gets in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../authorizer/config.ts';
import { ConfigurationError } from '../../authorizer/errors.ts';
import { createTestPool } from '../helpers/cognito-tokens.ts';
import { authorizerEvent, loadHandler, type Handler } from './load-handler.ts';

const READ = 'helpdesk/tickets.read';
const TRIAGE = 'helpdesk/tickets.triage';
const REPORTING = 'localreportingclient';
const TRIAGE_CLIENT = 'localtriageclient';

// Written out by hand from the rule table rather than computed with the policy code, so that a
// mistake in the table or its evaluation shows up here.
const NEVER_FOR_MACHINES = [
  'Query.myTickets',
  'Mutation.openTicket',
  'Mutation.addComment',
  'Mutation.assignTicket',
  'Mutation.setInternalNotes',
  'Mutation.deleteTicket',
  'Subscription.onTicketChanged',
  'Subscription.onCommentAdded',
  'Ticket.internalNotes',
];
const READ_SCOPE_ONLY = ['Query.ticket', 'Query.tickets', 'Ticket.comments', 'Subscription.onTicketActivity'];

const EXPECTED: ReadonlyArray<[string, readonly string[], readonly string[]]> = [
  ['no scope', [], [...NEVER_FOR_MACHINES, ...READ_SCOPE_ONLY, 'Mutation.setTicketStatus']],
  ['the read scope', [READ], [...NEVER_FOR_MACHINES, 'Mutation.setTicketStatus']],
  ['the triage scope alone', [TRIAGE], [...NEVER_FOR_MACHINES, ...READ_SCOPE_ONLY]],
  ['the read and triage scopes', [READ, TRIAGE], NEVER_FOR_MACHINES],
];

describe('Authorizer: machine callers', () => {
  const pool = createTestPool();
  let handler: Handler;

  beforeAll(async () => {
    handler = await loadHandler(pool, { MACHINE_CLIENT_IDS: `${REPORTING},${TRIAGE_CLIENT}` });
  });

  it.each(EXPECTED)('authorizes a machine token with %s and denies exactly the expected fields', async (_name, scopes, denied) => {
    // Prepare
    const token = pool.machineToken(TRIAGE_CLIENT, scopes);

    // Act
    const answer = await handler(authorizerEvent(token));

    // Assess
    expect(answer.isAuthorized).toBe(true);
    expect([...(answer.deniedFields ?? [])].sort()).toEqual([...denied].sort());
  });

  it('describes a machine as its client: kind MACHINE, username and sub the client id, its scopes, no groups or email', async () => {
    // Act
    const answer = await handler(authorizerEvent(pool.machineToken(REPORTING, [READ])));

    // Assess
    expect(answer.resolverContext).toEqual({
      kind: 'MACHINE',
      sub: REPORTING,
      username: REPORTING,
      clientId: REPORTING,
      email: '',
      emailVerified: 'false',
      groups: '[]',
      scopes: JSON.stringify([READ]),
      tokenUse: 'access',
    });
  });

  it('grants a machine nothing through claims it carries beside its scopes (groups, a verified email)', async () => {
    // Prepare: Cognito never puts these in a client-credentials token; signed in anyway.
    const token = pool.machineToken(REPORTING, [READ], { 'cognito:groups': ['admins'], email: 'admin@example.com', email_verified: true });

    // Act
    const answer = await handler(authorizerEvent(token));

    // Assess
    expect(answer.isAuthorized).toBe(true);
    expect(answer.resolverContext).toMatchObject({ kind: 'MACHINE', groups: '[]', email: '' });
    expect(answer.deniedFields).toEqual(expect.arrayContaining(['Mutation.deleteTicket', 'Ticket.internalNotes', 'Query.myTickets']));
  });

  it('refuses an ID token issued for a machine client', async () => {
    // Prepare
    const token = pool.idToken('customer', { aud: REPORTING });

    // Act
    const answer = await handler(authorizerEvent(token));

    // Assess
    expect(answer).toEqual({ isAuthorized: false });
  });

  it('refuses a machine client access token that names a user', async () => {
    // Prepare
    const token = pool.machineToken(REPORTING, [READ], { username: 'admin' });

    // Act
    const answer = await handler(authorizerEvent(token));

    // Assess
    expect(answer).toEqual({ isAuthorized: false });
  });

  it('refuses a machine token of a client that is not configured', async () => {
    // Prepare
    const token = pool.machineToken('someotherclient', [READ, TRIAGE]);

    // Act
    const answer = await handler(authorizerEvent(token));

    // Assess
    expect(answer).toEqual({ isAuthorized: false });
  });

  it('refuses a machine token whose scope was rewritten after signing', async () => {
    // Prepare
    const [header, payload, signature] = pool.machineToken(REPORTING, [READ]).split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, scope: `${READ} ${TRIAGE}` })).toString('base64url');

    // Act
    const answer = await handler(authorizerEvent(`${header}.${forged}.${signature}`));

    // Assess
    expect(answer).toEqual({ isAuthorized: false });
  });

  it('refuses a user access token given a custom scope after signing', async () => {
    // Prepare
    const [header, payload, signature] = pool.accessToken('customer').split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, scope: `aws.cognito.signin.user.admin ${READ}` })).toString('base64url');

    // Act
    const answer = await handler(authorizerEvent(`${header}.${forged}.${signature}`));

    // Assess
    expect(answer).toEqual({ isAuthorized: false });
  });

  it('counts a custom scope Cognito granted a user access token, beside the user grants', async () => {
    // Prepare: e.g. a hosted-UI sign-in with the scope allowed on the user's app client.
    const token = pool.accessToken('customer', { scope: `aws.cognito.signin.user.admin ${READ}` });

    // Act
    const answer = await handler(authorizerEvent(token));

    // Assess
    expect(answer.resolverContext).toMatchObject({ kind: 'USER', scopes: JSON.stringify(['aws.cognito.signin.user.admin', READ]) });
    expect(answer.deniedFields).not.toContain('Query.tickets');
    expect(answer.deniedFields).toContain('Ticket.internalNotes');
  });

  it('gives an ID token no scopes, whatever scope claim it carries', async () => {
    // Act
    const answer = await handler(authorizerEvent(pool.idToken('customer', { scope: READ })));

    // Assess
    expect(answer.resolverContext).toMatchObject({ kind: 'USER', scopes: '[]' });
    expect(answer.deniedFields).toContain('Query.tickets');
  });

  it('refuses machine tokens when no machine client is configured', async () => {
    // Prepare
    const usersOnly = await loadHandler(pool);

    // Act
    const answer = await usersOnly(authorizerEvent(pool.machineToken(REPORTING, [READ])));

    // Assess
    expect(answer).toEqual({ isAuthorized: false });
  });
});

describe('Authorizer: MACHINE_CLIENT_IDS', () => {
  const base = { USER_POOL_ID: 'eu-west-1_AbC123', APP_CLIENT_ID: 'userclient' };

  it('reads a comma-separated list, empty by default', () => {
    expect(readConfig(base).machineClientIds).toEqual([]);
    expect(readConfig({ ...base, MACHINE_CLIENT_IDS: ' a1 , b2,, ' }).machineClientIds).toEqual(['a1', 'b2']);
  });

  it('refuses a client id that is also a user client, naming the variable', () => {
    expect(() => readConfig({ ...base, MACHINE_CLIENT_IDS: 'userclient' })).toThrow(ConfigurationError);
    expect(() => readConfig({ ...base, MACHINE_CLIENT_IDS: 'userclient' })).toThrow(/MACHINE_CLIENT_IDS/);
  });

  it('refuses a malformed client id', () => {
    expect(() => readConfig({ ...base, MACHINE_CLIENT_IDS: 'bad client!' })).toThrow(/MACHINE_CLIENT_IDS/);
  });
});
