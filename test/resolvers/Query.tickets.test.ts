import { describe, expect, it } from 'vitest';
import { ticketItem, ticketView } from './fixtures.ts';
import { makeContext, type PersonaName } from './make-context.ts';
import { expectFieldError, runHandler } from './run-bundle.ts';

const BUNDLE = 'Query.tickets.js';

describe('Resolver: Query.tickets', () => {
  it('queries every ticket through the allTickets index, newest first', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.tickets', persona: 'agent', args: { limit: 5 } });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expect(outcome.result).toEqual({
      operation: 'Query',
      index: 'allTickets',
      query: { expression: '#pk = :pk', expressionNames: { '#pk': 'gsi3pk' }, expressionValues: { ':pk': { S: 'TICKET' } } },
      scanIndexForward: false,
      limit: 5,
    });
  });

  it('queries the byStatus index when a status is given', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.tickets', persona: 'admin', args: { status: 'IN_PROGRESS', nextToken: 'page-2' } });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expect(outcome.result).toEqual({
      operation: 'Query',
      index: 'byStatus',
      query: { expression: '#pk = :pk', expressionNames: { '#pk': 'gsi2pk' }, expressionValues: { ':pk': { S: 'STATUS#IN_PROGRESS' } } },
      scanIndexForward: false,
      limit: 20,
      nextToken: 'page-2',
    });
  });

  it.each<PersonaName>(['customer', 'unverified'])('refuses %s, who is not staff, even if AppSync called the resolver', async (persona) => {
    // Prepare
    const ctx = makeContext({ field: 'Query.tickets', persona, args: {} });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /Query\.tickets/);
  });

  it('returns the page as a TicketConnection', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.tickets', persona: 'agent', args: {}, result: { items: [ticketItem({ internalNotes: 'VIP' })], nextToken: null } });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expect(outcome.result).toEqual({ items: [ticketView({ internalNotes: 'VIP' })], nextToken: null });
  });
});
