import { describe, expect, it } from 'vitest';
import { ticketItem, ticketView, TICKET_ID } from './fixtures.ts';
import { makeContext, TEST_TABLE_NAME, type PersonaName } from './make-context.ts';
import { expectFieldError, runHandler } from './run-bundle.ts';
import { recordedExtensions } from './subscription-support.ts';

const RESOLVER = 'Mutation.deleteTicket/resolver.js';
const GET_TICKET = 'Mutation.deleteTicket/1-get-ticket.js';
const LIST_COMMENTS = 'Mutation.deleteTicket/2-list-comments.js';
const DELETE_TICKET = 'Mutation.deleteTicket/3-delete-ticket.js';
const FIELD = 'Mutation.deleteTicket';
const ARGS = { id: TICKET_ID };
const COMMENT_KEYS = [
  { pk: `TICKET#${TICKET_ID}`, sk: 'COMMENT#2026-11-21T10:00:00.000Z#01JDQ9000000000000000000AA' },
  { pk: `TICKET#${TICKET_ID}`, sk: 'COMMENT#2026-11-21T11:00:00.000Z#01JDQ9000000000000000000AB' },
];

describe('Resolver: Mutation.deleteTicket', () => {
  describe('resolver (before and after the functions)', () => {
    it.each<PersonaName>(['agent', 'customer'])('refuses %s, who is not an admin, even if AppSync called the resolver', async (persona) => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona, args: ARGS });

      // Act
      const outcome = await runHandler(RESOLVER, 'request', ctx);

      // Assess
      expectFieldError(outcome, 'Unauthorized', /Mutation\.deleteTicket/);
    });

    it('lets an admin in', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'admin', token: 'access', args: ARGS });

      // Act
      const outcome = await runHandler(RESOLVER, 'request', ctx);

      // Assess
      expect(outcome.error).toBeUndefined();
    });

    it('returns the deleted ticket, or null when there was none', async () => {
      // Prepare
      const deleted = makeContext({ field: FIELD, persona: 'admin', args: ARGS, prevResult: ticketView() });
      const none = makeContext({ field: FIELD, persona: 'admin', args: ARGS, prevResult: null });

      // Act
      const outcomes = [await runHandler(RESOLVER, 'response', deleted), await runHandler(RESOLVER, 'response', none)];

      // Assess
      expect(outcomes.map((outcome) => outcome.result)).toEqual([ticketView(), null]);
    });

    it('ends the subscriptions to the deleted ticket and its comments', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'admin', args: ARGS, prevResult: ticketView() });

      // Act
      const extensions = recordedExtensions(RESOLVER, 'response', ctx);

      // Assess
      expect(extensions).toEqual([
        { name: 'invalidateSubscriptions', args: [{ subscriptionField: 'onTicketChanged', payload: { id: TICKET_ID } }] },
        { name: 'invalidateSubscriptions', args: [{ subscriptionField: 'onCommentAdded', payload: { ticketId: TICKET_ID } }] },
      ]);
    });

    it('ends no subscription when there was no ticket to delete', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'admin', args: ARGS, prevResult: null });

      // Act
      const extensions = recordedExtensions(RESOLVER, 'response', ctx);

      // Assess
      expect(extensions).toEqual([]);
    });
  });

  describe('1-get-ticket', () => {
    it('reads the ticket strongly consistently', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'admin', args: ARGS });

      // Act
      const outcome = await runHandler(GET_TICKET, 'request', ctx);

      // Assess
      expect(outcome.result).toEqual({ operation: 'GetItem', key: { pk: { S: `TICKET#${TICKET_ID}` }, sk: { S: 'TICKET' } }, consistentRead: true });
    });

    it('stashes the ticket, or null when there is none', async () => {
      // Prepare
      const found = makeContext({ field: FIELD, persona: 'admin', args: ARGS, result: ticketItem() });
      const missing = makeContext({ field: FIELD, persona: 'admin', args: ARGS, result: null });

      // Act
      const outcomes = [await runHandler(GET_TICKET, 'response', found), await runHandler(GET_TICKET, 'response', missing)];

      // Assess
      expect(outcomes.map((outcome) => outcome.stash.ticket)).toEqual([ticketView(), null]);
    });
  });

  describe('2-list-comments', () => {
    it('lists the keys of the first 99 comments, strongly consistently', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'admin', args: ARGS, stash: { ticket: ticketView() } });

      // Act
      const outcome = await runHandler(LIST_COMMENTS, 'request', ctx);

      // Assess
      expect(outcome.result).toEqual({
        operation: 'Query',
        query: {
          expression: '#pk = :pk AND begins_with(#sk, :prefix)',
          expressionNames: { '#pk': 'pk', '#sk': 'sk' },
          expressionValues: { ':pk': { S: `TICKET#${TICKET_ID}` }, ':prefix': { S: 'COMMENT#' } },
        },
        scanIndexForward: true,
        limit: 99,
        consistentRead: true,
        projection: { expression: '#pk, #sk', expressionNames: { '#pk': 'pk', '#sk': 'sk' } },
      });
    });

    it('does nothing when there is no ticket', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'admin', args: ARGS, stash: { ticket: null } });

      // Act
      const outcome = await runHandler(LIST_COMMENTS, 'request', ctx);

      // Assess
      expect(outcome.error).toBeUndefined();
      expect(outcome.result).toEqual([]);
    });

    it('stashes the comment keys', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'admin', args: ARGS, stash: { ticket: ticketView() }, result: { items: COMMENT_KEYS, nextToken: null } });

      // Act
      const outcome = await runHandler(LIST_COMMENTS, 'response', ctx);

      // Assess
      expect(outcome.stash.commentKeys).toEqual(COMMENT_KEYS);
    });
  });

  describe('3-delete-ticket', () => {
    it('deletes the ticket, on condition that it still exists, and its listed comments in one transaction', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'admin', args: ARGS, stash: { ticket: ticketView(), commentKeys: COMMENT_KEYS } });

      // Act
      const outcome = await runHandler(DELETE_TICKET, 'request', ctx);

      // Assess
      expect(outcome.result).toEqual({
        operation: 'TransactWriteItems',
        transactItems: [
          {
            table: TEST_TABLE_NAME,
            operation: 'DeleteItem',
            key: { pk: { S: `TICKET#${TICKET_ID}` }, sk: { S: 'TICKET' } },
            condition: { expression: 'attribute_exists(#pk)', expressionNames: { '#pk': 'pk' }, returnValuesOnConditionCheckFailure: false },
          },
          ...COMMENT_KEYS.map((key) => ({ table: TEST_TABLE_NAME, operation: 'DeleteItem', key: { pk: { S: key.pk }, sk: { S: key.sk } } })),
        ],
      });
    });

    it('deletes the ticket alone when it has no comments', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'admin', args: ARGS, stash: { ticket: ticketView(), commentKeys: [] } });

      // Act
      const outcome = await runHandler(DELETE_TICKET, 'request', ctx);

      // Assess
      expect((outcome.result as { transactItems: unknown[] }).transactItems).toHaveLength(1);
    });

    it('does nothing and answers null when there was no ticket', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'admin', args: ARGS, stash: { ticket: null } });

      // Act
      const outcome = await runHandler(DELETE_TICKET, 'request', ctx);

      // Assess
      expect(outcome.error).toBeUndefined();
      expect(outcome.result).toBeNull();
    });

    it('says which environment variable is missing when the API has no TABLE_NAME', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'admin', args: ARGS, stash: { ticket: ticketView(), commentKeys: COMMENT_KEYS }, env: {} });

      // Act
      const outcome = await runHandler(DELETE_TICKET, 'request', ctx);

      // Assess
      expectFieldError(outcome, 'ConfigurationError', /TABLE_NAME/);
    });

    it('returns the deleted ticket', async () => {
      // Prepare
      const result = { keys: [{ pk: `TICKET#${TICKET_ID}`, sk: 'TICKET' }, ...COMMENT_KEYS], cancellationReasons: null };
      const ctx = makeContext({ field: FIELD, persona: 'admin', args: ARGS, stash: { ticket: ticketView(), commentKeys: COMMENT_KEYS }, result });

      // Act
      const outcome = await runHandler(DELETE_TICKET, 'response', ctx);

      // Assess
      expect(outcome.result).toEqual(ticketView());
    });

    it('answers null when another request deleted the ticket meanwhile', async () => {
      // Prepare
      const result = { keys: null, cancellationReasons: [{ type: 'ConditionalCheckFailed', message: 'The conditional request failed' }, { type: 'None', message: null }, { type: 'None', message: null }] };
      const error = { message: 'Transaction cancelled', type: 'DynamoDB:TransactionCanceledException' };
      const ctx = makeContext({ field: FIELD, persona: 'admin', args: ARGS, stash: { ticket: ticketView(), commentKeys: COMMENT_KEYS }, result, error });

      // Act
      const outcome = await runHandler(DELETE_TICKET, 'response', ctx);

      // Assess
      expect(outcome.error).toBeUndefined();
      expect(outcome.result).toBeNull();
    });

    it('reports a Conflict when the transaction was cancelled for another reason', async () => {
      // Prepare
      const result = { keys: null, cancellationReasons: [{ type: 'None', message: null }, { type: 'TransactionConflict', message: 'Transaction is ongoing for the item' }, { type: 'None', message: null }] };
      const error = { message: 'Transaction cancelled', type: 'DynamoDB:TransactionCanceledException' };
      const ctx = makeContext({ field: FIELD, persona: 'admin', args: ARGS, stash: { ticket: ticketView(), commentKeys: COMMENT_KEYS }, result, error });

      // Act
      const outcome = await runHandler(DELETE_TICKET, 'response', ctx);

      // Assess
      expectFieldError(outcome, 'Conflict', /try again/);
    });
  });
});
