import { describe, expect, it } from 'vitest';
import { OTHER_TICKET_ID, ticketItem, ticketView } from './fixtures.ts';
import { makeContext } from './make-context.ts';
import { expectFieldError, runHandler } from './run-bundle.ts';

const BUNDLE = 'Query.myTickets.js';

describe('Resolver: Query.myTickets', () => {
  it("queries the byReporter index for the caller's lower-cased email, newest first, 20 by default", async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.myTickets', persona: 'customer', args: {} });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expect(outcome.result).toEqual({
      operation: 'Query',
      index: 'byReporter',
      query: {
        expression: '#pk = :pk',
        expressionNames: { '#pk': 'gsi1pk' },
        expressionValues: { ':pk': { S: 'REPORTER#customer@example.com' } },
      },
      scanIndexForward: false,
      limit: 20,
    });
  });

  it('passes limit and nextToken on', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.myTickets', persona: 'customer', args: { limit: 100, nextToken: 'opaque-token' } });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expect(outcome.result).toMatchObject({ limit: 100, nextToken: 'opaque-token' });
  });

  it.each([0, 101, -5])('refuses limit %i with a ValidationError', async (limit) => {
    // Prepare
    const ctx = makeContext({ field: 'Query.myTickets', persona: 'customer', args: { limit } });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'ValidationError', /limit must be between 1 and 100/);
  });

  it('refuses a caller whose email is not verified', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.myTickets', persona: 'unverified', args: {} });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /Query\.myTickets/);
  });

  it('refuses an access token that carries no email', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.myTickets', persona: 'customer', token: 'access', args: {} });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /Query\.myTickets/);
  });

  it('accepts an access token enriched with a verified email by the V2 trigger', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.myTickets', persona: 'customer', token: 'access-v2', args: {} });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toMatchObject({ index: 'byReporter' });
  });

  it('returns the page as a TicketConnection', async () => {
    // Prepare
    const result = { items: [ticketItem({ id: OTHER_TICKET_ID }), ticketItem()], nextToken: 'next-page', scannedCount: 2 };
    const ctx = makeContext({ field: 'Query.myTickets', persona: 'customer', args: {}, result });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expect(outcome.result).toEqual({ items: [ticketView({ id: OTHER_TICKET_ID }), ticketView()], nextToken: 'next-page' });
  });

  it('returns a null nextToken on the last page', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.myTickets', persona: 'customer', args: {}, result: { items: [], nextToken: null, scannedCount: 0 } });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expect(outcome.result).toEqual({ items: [], nextToken: null });
  });
});
