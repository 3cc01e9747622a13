import { describe, expect, it } from 'vitest';
import { ticketItem, ticketView, TICKET_ID } from './fixtures.ts';
import { makeContext, type PersonaName } from './make-context.ts';
import { expectFieldError, runHandler } from './run-bundle.ts';

const BUNDLE = 'Mutation.setInternalNotes.js';

describe('Resolver: Mutation.setInternalNotes', () => {
  it('sets the trimmed notes and updatedAt of an existing ticket', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Mutation.setInternalNotes', persona: 'agent', args: { id: TICKET_ID, notes: ' VIP customer ' } });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expect(outcome.result).toMatchObject({
      operation: 'UpdateItem',
      key: { pk: { S: `TICKET#${TICKET_ID}` }, sk: { S: 'TICKET' } },
      update: {
        expression: 'SET #internalNotes = :internalNotes, #updatedAt = :updatedAt',
        expressionNames: { '#internalNotes': 'internalNotes', '#updatedAt': 'updatedAt' },
        expressionValues: { ':internalNotes': { S: 'VIP customer' } },
      },
      condition: { expression: 'attribute_exists(#pk)', expressionNames: { '#pk': 'pk' } },
    });
  });

  it('removes the notes when they are empty', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Mutation.setInternalNotes', persona: 'admin', args: { id: TICKET_ID, notes: '  ' } });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expect(outcome.result).toMatchObject({
      update: { expression: 'SET #updatedAt = :updatedAt REMOVE #internalNotes', expressionNames: { '#updatedAt': 'updatedAt', '#internalNotes': 'internalNotes' } },
      condition: { expression: 'attribute_exists(#pk)' },
    });
  });

  it('gives a ValidationError to notes over 10 000 characters', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Mutation.setInternalNotes', persona: 'agent', args: { id: TICKET_ID, notes: 'n'.repeat(10_001) } });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'ValidationError', /notes must be at most 10000 characters/);
  });

  it.each<PersonaName>(['customer', 'other', 'unverified'])('refuses %s, who is not staff, even if AppSync called the resolver', async (persona) => {
    // Prepare
    const ctx = makeContext({ field: 'Mutation.setInternalNotes', persona, args: { id: TICKET_ID, notes: 'mine now' } });

    // Act
    const outcome = await runHandler(BUNDLE, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /Mutation\.setInternalNotes/);
  });

  it('returns the updated ticket with its notes', async () => {
    // Prepare
    const ctx = makeContext({ field: 'Mutation.setInternalNotes', persona: 'agent', args: { id: TICKET_ID, notes: 'VIP' }, result: ticketItem({ internalNotes: 'VIP' }) });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expect(outcome.result).toEqual(ticketView({ internalNotes: 'VIP' }));
  });

  it('reports NotFound for a missing ticket', async () => {
    // Prepare
    const error = { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' };
    const ctx = makeContext({ field: 'Mutation.setInternalNotes', persona: 'agent', args: { id: TICKET_ID, notes: 'VIP' }, result: null, error });

    // Act
    const outcome = await runHandler(BUNDLE, 'response', ctx);

    // Assess
    expectFieldError(outcome, 'NotFound', /does not exist/);
  });
});
