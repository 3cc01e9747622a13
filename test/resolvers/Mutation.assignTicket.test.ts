import { describe, expect, it } from 'vitest';
import { ISO_TIME, ticketItem, ticketView, TICKET_ID } from './fixtures.ts';
import { makeContext, type PersonaName } from './make-context.ts';
import { expectFieldError, runHandler } from './run-bundle.ts';

const BUNDLE = 'Mutation.assignTicket.js';
const CONDITION_FAILED = { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' };

describe('Resolver: Mutation.assignTicket', () => {
  it('updates assignee and updatedAt of an existing ticket only', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Mutation.assignTicket', persona: 'agent', args: { id: TICKET_ID, assignee: 'Agent@Example.com' } });

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
        expression: 'SET #assignee = :assignee, #updatedAt = :updatedAt',
        expressionNames: { '#assignee': 'assignee', '#updatedAt': 'updatedAt' },
        expressionValues: { ':assignee': { S: 'agent@example.com' }, ':updatedAt': { S: updatedAt } },
      },
      condition: { expression: 'attribute_exists(#pk)', expressionNames: { '#pk': 'pk' } },
    });
  });

  it.each<PersonaName>(['customer', 'unverified'])('refuses %s, who is not staff, even if AppSync called the resolver', async (persona) => {
    // Prepare
    const ctx = makeContext({ field: 'Mutation.assignTicket', persona, args: { id: TICKET_ID, assignee: 'agent@example.com' } });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /Mutation\.assignTicket/);
  });

  it('returns the updated ticket', async () => {
    // Prepare
    const result = ticketItem({ assignee: 'agent@example.com', updatedAt: '2026-11-21T10:00:00.000Z' });
    const ctx = makeContext({ field: 'Mutation.assignTicket', persona: 'agent', args: { id: TICKET_ID, assignee: 'agent@example.com' }, result });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expect(outcome.result).toEqual(ticketView({ assignee: 'agent@example.com', updatedAt: '2026-11-21T10:00:00.000Z' }));
  });

  it('reports NotFound for a missing (or deleted) ticket instead of creating it', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Mutation.assignTicket', persona: 'agent', args: { id: TICKET_ID, assignee: 'agent@example.com' }, result: null, error: CONDITION_FAILED });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expectFieldError(outcome, 'NotFound', new RegExp(`Ticket ${TICKET_ID} does not exist`));
  });
});
