import { describe, expect, it } from 'vitest';
import { ISO_TIME, ticketItem, ticketView, TICKET_ID, ULID } from './fixtures.ts';
import { makeContext, TEST_TABLE_NAME, type PersonaName } from './make-context.ts';
import { expectFieldError, runHandler } from './run-bundle.ts';

const RESOLVER = 'Mutation.addComment/resolver.js';
const GET_TICKET = 'Mutation.addComment/1-get-ticket.js';
const PUT_COMMENT = 'Mutation.addComment/2-put-comment.js';
const FIELD = 'Mutation.addComment';

describe('Resolver: Mutation.addComment', () => {
  describe('resolver (before and after the functions)', () => {
    it('stashes the trimmed body for the functions', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'customer', args: { ticketId: TICKET_ID, body: '  Still burning.  ' } });

      // Act
      const outcome = await runHandler(RESOLVER, 'request', ctx);

      // Assess
      expect(outcome.error).toBeUndefined();
      expect(outcome.stash).toMatchObject({ body: 'Still burning.' });
    });

    it('gives a ValidationError to a body that is empty after trimming', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'customer', args: { ticketId: TICKET_ID, body: ' \n ' } });

      // Act
      const outcome = await runHandler(RESOLVER, 'request', ctx);

      // Assess
      expectFieldError(outcome, 'ValidationError', /body must not be empty/);
    });

    it('gives a ValidationError to a body over 10 000 characters', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'agent', args: { ticketId: TICKET_ID, body: 'b'.repeat(10_001) } });

      // Act
      const outcome = await runHandler(RESOLVER, 'request', ctx);

      // Assess
      expectFieldError(outcome, 'ValidationError', /body must be at most 10000 characters/);
    });

    it('refuses a caller with neither a verified email nor a staff group, even if AppSync called the resolver', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'unverified', args: { ticketId: TICKET_ID, body: 'Hello' } });

      // Act
      const outcome = await runHandler(RESOLVER, 'request', ctx);

      // Assess
      expectFieldError(outcome, 'Unauthorized', /Mutation\.addComment/);
    });

    it('refuses staff whose token carries no email to sign the comment with, as the rule table says', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'agent', token: 'access', args: { ticketId: TICKET_ID, body: 'On it.' } });

      // Act
      const outcome = await runHandler(RESOLVER, 'request', ctx);

      // Assess
      expectFieldError(outcome, 'Unauthorized', /Mutation\.addComment/);
    });

    it('returns the comment the last function wrote', async () => {
      // Prepare
      const comment = { id: '01JDQ9000000000000000000AA', ticketId: TICKET_ID, author: 'customer@example.com', body: 'Hello', createdAt: '2026-11-21T10:00:00.000Z' };
      const ctx = makeContext({ field: FIELD, persona: 'customer', args: { ticketId: TICKET_ID, body: 'Hello' }, prevResult: comment });

      // Act
      const outcome = await runHandler(RESOLVER, 'response', ctx);

      // Assess
      expect(outcome.result).toEqual(comment);
    });
  });

  describe('1-get-ticket', () => {
    it('reads the ticket strongly consistently', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'customer', args: { ticketId: TICKET_ID, body: 'Hello' } });

      // Act
      const outcome = await runHandler(GET_TICKET, 'request', ctx);

      // Assess
      expect(outcome.result).toEqual({ operation: 'GetItem', key: { pk: { S: `TICKET#${TICKET_ID}` }, sk: { S: 'TICKET' } }, consistentRead: true });
    });

    it('gives a clear NotFound error for a comment on a missing ticket', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'customer', args: { ticketId: TICKET_ID, body: 'Hello' }, result: null });

      // Act
      const outcome = await runHandler(GET_TICKET, 'response', ctx);

      // Assess
      expectFieldError(outcome, 'NotFound', new RegExp(`Ticket ${TICKET_ID} does not exist: there is nothing to comment on`));
    });

    it("refuses a customer commenting on another customer's ticket", async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'other', args: { ticketId: TICKET_ID, body: 'Hello' }, result: ticketItem() });

      // Act
      const outcome = await runHandler(GET_TICKET, 'response', ctx);

      // Assess
      expectFieldError(outcome, 'Unauthorized', /only its reporter and staff/);
    });

    it.each<PersonaName>(['customer', 'agent', 'admin'])('lets %s through to the ticket', async (persona) => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona, args: { ticketId: TICKET_ID, body: 'Hello' }, result: ticketItem() });

      // Act
      const outcome = await runHandler(GET_TICKET, 'response', ctx);

      // Assess
      expect(outcome.error).toBeUndefined();
      expect(outcome.result).toEqual(ticketView());
    });
  });

  describe('2-put-comment', () => {
    it("puts the comment in the ticket's partition in one transaction with a check that the ticket still exists", async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'agent', args: { ticketId: TICKET_ID, body: ' On it. ' }, stash: { body: 'On it.' }, prevResult: ticketView() });

      // Act
      const outcome = await runHandler(PUT_COMMENT, 'request', ctx);

      // Assess
      const comment = outcome.stash.comment as { id: string; createdAt: string };
      expect(comment).toEqual({ id: expect.stringMatching(ULID), ticketId: TICKET_ID, author: 'agent@example.com', body: 'On it.', createdAt: expect.stringMatching(ISO_TIME) });
      expect(outcome.result).toEqual({
        operation: 'TransactWriteItems',
        transactItems: [
          {
            table: TEST_TABLE_NAME,
            operation: 'ConditionCheck',
            key: { pk: { S: `TICKET#${TICKET_ID}` }, sk: { S: 'TICKET' } },
            condition: { expression: 'attribute_exists(#pk)', expressionNames: { '#pk': 'pk' }, returnValuesOnConditionCheckFailure: false },
          },
          {
            table: TEST_TABLE_NAME,
            operation: 'PutItem',
            key: { pk: { S: `TICKET#${TICKET_ID}` }, sk: { S: `COMMENT#${comment.createdAt}#${comment.id}` } },
            attributeValues: {
              type: { S: 'Comment' },
              id: { S: comment.id },
              ticketId: { S: TICKET_ID },
              author: { S: 'agent@example.com' },
              body: { S: 'On it.' },
              createdAt: { S: comment.createdAt },
            },
            condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' }, returnValuesOnConditionCheckFailure: false },
          },
        ],
      });
    });

    it('says which environment variable is missing when the API has no TABLE_NAME', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'customer', args: { ticketId: TICKET_ID, body: 'Hello' }, stash: { body: 'Hello' }, env: {} });

      // Act
      const outcome = await runHandler(PUT_COMMENT, 'request', ctx);

      // Assess
      expectFieldError(outcome, 'ConfigurationError', /TABLE_NAME/);
    });

    it('returns the comment it wrote', async () => {
      // Prepare
      const comment = { id: '01JDQ9000000000000000000AA', ticketId: TICKET_ID, author: 'agent@example.com', body: 'On it.', createdAt: '2026-11-21T10:00:00.000Z' };
      const result = { keys: [{ pk: `TICKET#${TICKET_ID}`, sk: 'TICKET' }, { pk: `TICKET#${TICKET_ID}`, sk: `COMMENT#${comment.createdAt}#${comment.id}` }], cancellationReasons: null };
      const ctx = makeContext({ field: FIELD, persona: 'agent', args: { ticketId: TICKET_ID, body: 'On it.' }, stash: { body: 'On it.', comment }, result });

      // Act
      const outcome = await runHandler(PUT_COMMENT, 'response', ctx);

      // Assess
      expect(outcome.result).toEqual(comment);
    });

    it('gives a clear NotFound error when the ticket was deleted after it was read', async () => {
      // Prepare
      const result = { keys: null, cancellationReasons: [{ type: 'ConditionalCheckFailed', message: 'The conditional request failed' }, { type: 'None', message: null }] };
      const error = { message: 'Transaction cancelled', type: 'DynamoDB:TransactionCanceledException' };
      const ctx = makeContext({ field: FIELD, persona: 'customer', args: { ticketId: TICKET_ID, body: 'Hello' }, stash: { body: 'Hello' }, result, error });

      // Act
      const outcome = await runHandler(PUT_COMMENT, 'response', ctx);

      // Assess
      expectFieldError(outcome, 'NotFound', /there is nothing to comment on/);
    });

    it('reports a Conflict when the transaction was cancelled for another reason', async () => {
      // Prepare
      const result = { keys: null, cancellationReasons: [{ type: 'None', message: null }, { type: 'TransactionConflict', message: 'Transaction is ongoing for the item' }] };
      const error = { message: 'Transaction cancelled', type: 'DynamoDB:TransactionCanceledException' };
      const ctx = makeContext({ field: FIELD, persona: 'customer', args: { ticketId: TICKET_ID, body: 'Hello' }, stash: { body: 'Hello' }, result, error });

      // Act
      const outcome = await runHandler(PUT_COMMENT, 'response', ctx);

      // Assess
      expectFieldError(outcome, 'Conflict', /try again/);
    });
  });
});
