import { describe, expect, it } from 'vitest';
import { ISO_TIME, ticketItem, ticketView, TICKET_ID } from './fixtures.ts';
import { makeContext } from './make-context.ts';
import { expectFieldError, runHandler } from './run-bundle.ts';

const BUNDLE = 'Mutation.setTicketStatus.js';

describe('Resolver: Mutation.setTicketStatus', () => {
  it('sets the status and moves the ticket to that status in the byStatus index', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Mutation.setTicketStatus', persona: 'admin', args: { id: TICKET_ID, status: 'RESOLVED' } });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    const request = outcome.result as { update: { expressionValues: Record<string, { S: string }> } };
    const updatedAt = request.update.expressionValues[':updatedAt']?.S ?? '';
    expect(updatedAt).toMatch(ISO_TIME);
    expect(request).toEqual({
      operation: 'UpdateItem',
      key: { pk: { S: `TICKET#${TICKET_ID}` }, sk: { S: 'TICKET' } },
      update: {
        expression: 'SET #status = :status, #gsi2pk = :gsi2pk, #updatedAt = :updatedAt',
        expressionNames: { '#status': 'status', '#gsi2pk': 'gsi2pk', '#updatedAt': 'updatedAt' },
        expressionValues: { ':status': { S: 'RESOLVED' }, ':gsi2pk': { S: 'STATUS#RESOLVED' }, ':updatedAt': { S: updatedAt } },
      },
      condition: { expression: 'attribute_exists(#pk)', expressionNames: { '#pk': 'pk' } },
    });
  });

  it('refuses a customer setting the status of their own ticket, even if AppSync called the resolver', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Mutation.setTicketStatus', persona: 'customer', args: { id: TICKET_ID, status: 'CLOSED' } });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /Mutation\.setTicketStatus/);
  });

  it('returns the updated ticket', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Mutation.setTicketStatus', persona: 'agent', args: { id: TICKET_ID, status: 'CLOSED' }, result: ticketItem({ status: 'CLOSED' }) });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expect(outcome.result).toEqual(ticketView({ status: 'CLOSED' }));
  });

  it('reports NotFound for a missing ticket', async () => {
    // Prepare
    const error = { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' };
    const ctx = makeContext({ field: 'Mutation.setTicketStatus', persona: 'agent', args: { id: TICKET_ID, status: 'CLOSED' }, result: null, error });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expectFieldError(outcome, 'NotFound', /does not exist/);
  });
});
