/**
 * The resolvers re-check the scope grants of the rule table for machine callers: read with
 * `helpdesk/tickets.read`, set a status with `helpdesk/tickets.triage`, nothing else.
 */
import { describe, expect, it } from 'vitest';
import { ticketItem, ticketView, TICKET_ID } from './fixtures.ts';
import { makeContext, type MachinePersonaName } from './make-context.ts';
import { expectFieldError, runHandler } from './run-bundle.ts';
import { withSelection } from './subscription-support.ts';

describe('Resolvers: machine callers', () => {
  it('describes a machine in Query.me: kind MACHINE, its client id as username, its scopes', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.me', persona: 'triage' });

    // Act
    const outcome = await runHandler('Query.me.js', 'request', ctx);

    // Assess
    expect(outcome.result).toEqual({
      payload: {
        kind: 'MACHINE',
        sub: 'localtriageclient',
        username: 'localtriageclient',
        clientId: 'localtriageclient',
        email: null,
        emailVerified: false,
        groups: [],
        scopes: ['helpdesk/tickets.read', 'helpdesk/tickets.triage'],
        tokenUse: 'ACCESS',
      },
    });
  });

  it.each<MachinePersonaName>(['reporting', 'triage'])('lets the %s client list tickets with the read scope', async (persona) => {
    // Prepare
    const ctx = makeContext({ field: 'Query.tickets', persona, args: {} });

    // Act
    const outcome = await runHandler('Query.tickets.js', 'request', ctx);

    // Assess
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toMatchObject({ operation: 'Query', index: 'allTickets' });
  });

  it('returns any reporter\'s ticket to a reader, whose scope grants every ticket', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.ticket', persona: 'reporting', args: { id: TICKET_ID }, result: ticketItem({ reporter: 'someone@example.com' }) });

    // Act
    const outcome = await runHandler('Query.ticket.js', 'response', ctx);

    // Assess
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toEqual(ticketView({ reporter: 'someone@example.com' }));
  });

  it('lists the comments of any ticket to a reader', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Ticket.comments', persona: 'reporting', source: ticketView({ reporter: 'someone@example.com' }) });

    // Act
    const outcome = await runHandler('Ticket.comments.js', 'request', ctx);

    // Assess
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toMatchObject({ operation: 'Query' });
  });

  it('lets the triage client set a status, and refuses the reporting client', async () => {
    // Prepare
    const args = { id: TICKET_ID, status: 'RESOLVED' };

    // Act
    const triage = await runHandler('Mutation.setTicketStatus.js', 'request', makeContext({ field: 'Mutation.setTicketStatus', persona: 'triage', args }));
    const reporting = await runHandler('Mutation.setTicketStatus.js', 'request', makeContext({ field: 'Mutation.setTicketStatus', persona: 'reporting', args }));

    // Assess
    expect(triage.error).toBeUndefined();
    expect(triage.result).toMatchObject({ operation: 'UpdateItem' });
    expectFieldError(reporting, 'Unauthorized', /Mutation\.setTicketStatus/);
  });

  it.each([
    ['Mutation.setInternalNotes.js', 'Mutation.setInternalNotes', { id: TICKET_ID, notes: 'n' }],
    ['Mutation.assignTicket.js', 'Mutation.assignTicket', { id: TICKET_ID, assignee: 'agent@example.com' }],
    ['Mutation.openTicket.js', 'Mutation.openTicket', { input: { title: 't', body: 'b' } }],
    ['Query.myTickets.js', 'Query.myTickets', {}],
  ])('refuses the triage client %s, which no scope grants', async (bundle, field, args) => {
    // Prepare
    const ctx = makeContext({ field, persona: 'triage', args });

    // Act
    const outcome = await runHandler(bundle, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /Not Authorized|verified email/);
  });

  it('lets a reader subscribe to onTicketActivity, and refuses it a selection naming internalNotes', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Subscription.onTicketActivity', persona: 'reporting' });
    const withNotes = withSelection(ctx, ['id', 'internalNotes'], '{\n  id\n  internalNotes\n}');

    // Act
    const allowed = await runHandler('Subscription.onTicketActivity.js', 'request', ctx);
    const refused = await runHandler('Subscription.onTicketActivity.js', 'request', withNotes);

    // Assess
    expect(allowed.error).toBeUndefined();
    expectFieldError(refused, 'Unauthorized', /internalNotes/);
  });

  it.each(['Subscription.onTicketChanged/resolver.js', 'Subscription.onCommentAdded/resolver.js'])('refuses the triage client %s, which no scope grants', async (bundle) => {
    // Prepare
    const field = bundle.split('/')[0] as string;
    const ctx = makeContext({ field, persona: 'triage', args: { id: TICKET_ID, ticketId: TICKET_ID } });

    // Act
    const outcome = await runHandler(bundle, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /Not Authorized/);
  });
});
