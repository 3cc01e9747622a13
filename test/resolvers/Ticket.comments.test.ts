import { describe, expect, it } from 'vitest';
import { commentItem, ticketView, TICKET_ID } from './fixtures.ts';
import { makeContext, type PersonaName } from './make-context.ts';
import { expectFieldError, runHandler } from './run-bundle.ts';

const BUNDLE = 'Ticket.comments.js';

describe('Resolver: Ticket.comments', () => {
  it("queries the ticket's partition for its comments in the order they were written", async () => {
    // Prepare
    const ctx = makeContext({ field: 'Ticket.comments', persona: 'customer', source: ticketView() });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expect(outcome.result).toEqual({
      operation: 'Query',
      query: {
        expression: '#pk = :pk AND begins_with(#sk, :prefix)',
        expressionNames: { '#pk': 'pk', '#sk': 'sk' },
        expressionValues: { ':pk': { S: `TICKET#${TICKET_ID}` }, ':prefix': { S: 'COMMENT#' } },
      },
      scanIndexForward: true,
    });
  });

  it.each<PersonaName>(['agent', 'admin'])('lets %s read the comments of any ticket', async (persona) => {
    // Prepare
    const ctx = makeContext({ field: 'Ticket.comments', persona, token: 'access', source: ticketView() });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expect(outcome.error).toBeUndefined();
  });

  it("refuses a customer reading the comments of another customer's ticket", async () => {
    // Prepare
    const ctx = makeContext({ field: 'Ticket.comments', persona: 'other', source: ticketView() });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /only its reporter and staff/);
  });

  it('returns the comments without their keys', async () => {
    // Prepare
    const items = [
      commentItem('01JDQ9000000000000000000AA', 'customer@example.com', 'Still burning.', '2026-11-21T10:00:00.000Z'),
      commentItem('01JDQ9000000000000000000AB', 'agent@example.com', 'On it.', '2026-11-21T11:00:00.000Z'),
    ];
    const ctx = makeContext({ field: 'Ticket.comments', persona: 'customer', source: ticketView(), result: { items, nextToken: null } });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expect(outcome.result).toEqual([
      { id: '01JDQ9000000000000000000AA', ticketId: TICKET_ID, author: 'customer@example.com', body: 'Still burning.', createdAt: '2026-11-21T10:00:00.000Z' },
      { id: '01JDQ9000000000000000000AB', ticketId: TICKET_ID, author: 'agent@example.com', body: 'On it.', createdAt: '2026-11-21T11:00:00.000Z' },
    ]);
  });
});
