import { describe, expect, it } from 'vitest';
import { ticketItem, ticketView, TICKET_ID } from './fixtures.ts';
import { makeContext, type PersonaName } from './make-context.ts';
import { expectFieldError, runHandler } from './run-bundle.ts';

const BUNDLE = 'Query.ticket.js';

describe('Resolver: Query.ticket', () => {
  it('reads the ticket by its primary key', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.ticket', persona: 'customer', args: { id: TICKET_ID } });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expect(outcome.result).toEqual({
      operation: 'GetItem',
      key: { pk: { S: `TICKET#${TICKET_ID}` }, sk: { S: 'TICKET' } },
      consistentRead: false,
    });
  });

  it('returns the ticket to its reporter, without the table keys', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.ticket', persona: 'customer', args: { id: TICKET_ID }, result: ticketItem() });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toEqual(ticketView());
  });

  it('compares the reporter email ignoring case', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.ticket', persona: 'customer', args: { id: TICKET_ID }, result: ticketItem({ reporter: 'Customer@Example.COM' }) });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toMatchObject({ id: TICKET_ID, reporter: 'Customer@Example.COM' });
  });

  it("refuses a customer reading another customer's ticket", async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.ticket', persona: 'other', args: { id: TICKET_ID }, result: ticketItem() });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /only its reporter and staff/);
  });

  it('refuses the reporter when the token proves no email (access token without the V2 trigger)', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.ticket', persona: 'customer', token: 'access', args: { id: TICKET_ID }, result: ticketItem() });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /only its reporter and staff/);
  });

  it('refuses a reporter whose email is not verified', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.ticket', persona: 'unverified', args: { id: TICKET_ID }, result: ticketItem({ reporter: 'unverified@example.com' }) });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /only its reporter and staff/);
  });

  it.each<PersonaName>(['agent', 'admin'])('lets staff (%s) read any ticket, even with an access token', async (persona) => {
    // Prepare
    const ctx = makeContext({ field: 'Query.ticket', persona, token: 'access', args: { id: TICKET_ID }, result: ticketItem() });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toEqual(ticketView());
  });

  it('answers null for a ticket that does not exist', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.ticket', persona: 'other', args: { id: TICKET_ID }, result: null });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toBeNull();
  });

  it('passes a data source error on with its type', async () => {
    // Prepare
    const error = { message: 'Throughput exceeded', type: 'DynamoDB:ProvisionedThroughputExceededException' };
    const ctx = makeContext({ field: 'Query.ticket', persona: 'customer', args: { id: TICKET_ID }, result: null, error });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expectFieldError(outcome, 'DynamoDB:ProvisionedThroughputExceededException', /Throughput exceeded/);
  });

  it('refuses an id longer than any ticket id with a ValidationError, before the table is asked', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Query.ticket', persona: 'agent', args: { id: 'x'.repeat(2049) } });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'ValidationError', /at most 128 characters; this one has 2049/);
    expect(outcome.result).toBeUndefined();
  });
});
