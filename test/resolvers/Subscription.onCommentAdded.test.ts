import { describe, expect, it } from 'vitest';
import { ticketItem, TICKET_ID } from './fixtures.ts';
import { makeContext, type PersonaName, type TokenKind } from './make-context.ts';
import { expectFieldError, runHandler } from './run-bundle.ts';
import { EVERY_CALLER, recordedExtensions, withSelection } from './subscription-support.ts';

const RESOLVER = 'Subscription.onCommentAdded/resolver.js';
const GET_TICKET = 'Subscription.onCommentAdded/1-get-ticket.js';
const FIELD = 'Subscription.onCommentAdded';
const ARGS = { ticketId: TICKET_ID };

// Written out from the rule table: a verified email (in the token sent) or staff may subscribe.
const MAY_SUBSCRIBE: ReadonlyArray<readonly [PersonaName, TokenKind, boolean]> = [
  ['customer', 'id', true],
  ['customer', 'access', false],
  ['customer', 'access-v2', true],
  ['other', 'id', true],
  ['other', 'access', false],
  ['other', 'access-v2', true],
  ['agent', 'id', true],
  ['agent', 'access', true],
  ['agent', 'access-v2', true],
  ['admin', 'id', true],
  ['admin', 'access', true],
  ['admin', 'access-v2', true],
  ['unverified', 'id', false],
  ['unverified', 'access', false],
  ['unverified', 'access-v2', false],
];

// Written out from the item rule: the reporter of the customer's ticket (verified email) or staff.
const MAY_SUBSCRIBE_TO_THE_CUSTOMERS_TICKET: ReadonlyArray<readonly [PersonaName, TokenKind, boolean]> = [
  ['customer', 'id', true],
  ['customer', 'access', false],
  ['customer', 'access-v2', true],
  ['other', 'id', false],
  ['other', 'access', false],
  ['other', 'access-v2', false],
  ['agent', 'id', true],
  ['agent', 'access', true],
  ['agent', 'access-v2', true],
  ['admin', 'id', true],
  ['admin', 'access', true],
  ['admin', 'access-v2', true],
  ['unverified', 'id', false],
  ['unverified', 'access', false],
  ['unverified', 'access-v2', false],
];

describe('Resolver: Subscription.onCommentAdded', () => {
  it('has an expectation for every persona and token kind', () => {
    // Assess
    expect(MAY_SUBSCRIBE.map(([persona, token]) => [persona, token])).toEqual(EVERY_CALLER);
    expect(MAY_SUBSCRIBE_TO_THE_CUSTOMERS_TICKET.map(([persona, token]) => [persona, token])).toEqual(EVERY_CALLER);
  });

  describe('resolver (before and after the functions)', () => {
    it.each(MAY_SUBSCRIBE)('applies the rule to %s with the %s token (allowed: %s)', async (persona, token, allowed) => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona, token, args: ARGS });

      // Act
      const outcome = await runHandler(RESOLVER, 'request', ctx);

      // Assess
      if (allowed) expect(outcome.error).toBeUndefined();
      else expectFieldError(outcome, 'Unauthorized', /Not Authorized to access Subscription\.onCommentAdded/);
    });

    it('refuses a customer who spreads a named fragment, whose fields the resolver cannot see', async () => {
      // Prepare: the check cannot tell a Comment fragment from one that reaches a staff-only field.
      const ctx = withSelection(makeContext({ field: FIELD, persona: 'customer', args: ARGS }), ['id', 'body'], '{\n  ...CommentFields\n}');

      // Act
      const outcome = await runHandler(RESOLVER, 'request', ctx);

      // Assess
      expectFieldError(outcome, 'Unauthorized', /named fragment/);
    });

    it('lets a customer select every field of a comment', async () => {
      // Prepare
      const list = ['id', 'ticketId', 'author', 'body', 'createdAt'];
      const ctx = withSelection(makeContext({ field: FIELD, persona: 'customer', args: ARGS }), list, '{\n  id\n  ticketId\n  author\n  body\n  createdAt\n}');

      // Act
      const outcome = await runHandler(RESOLVER, 'request', ctx);

      // Assess
      expect(outcome.error).toBeUndefined();
    });

    it('lets an agent spread a named fragment', async () => {
      // Prepare
      const ctx = withSelection(makeContext({ field: FIELD, persona: 'agent', token: 'access', args: ARGS }), ['id', 'body'], '{\n  ...CommentFields\n}');

      // Act
      const outcome = await runHandler(RESOLVER, 'request', ctx);

      // Assess
      expect(outcome.error).toBeUndefined();
    });

    it("delivers only that ticket's comments and lets deleteTicket end the subscription", async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'customer', args: ARGS, prevResult: null });
      const thisTicket = { filterGroup: [{ filters: [{ fieldName: 'ticketId', operator: 'eq', value: TICKET_ID }] }] };

      // Act
      const outcome = await runHandler(RESOLVER, 'response', ctx);
      const extensions = recordedExtensions(RESOLVER, 'response', ctx);

      // Assess
      expect(outcome.error).toBeUndefined();
      expect(outcome.result).toBeNull();
      expect(extensions).toEqual([
        { name: 'setSubscriptionFilter', args: [thisTicket] },
        { name: 'setSubscriptionInvalidationFilter', args: [thisTicket] },
      ]);
    });
  });

  describe('1-get-ticket', () => {
    it('reads the ticket strongly consistently', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'customer', args: ARGS });

      // Act
      const outcome = await runHandler(GET_TICKET, 'request', ctx);

      // Assess
      expect(outcome.result).toEqual({ operation: 'GetItem', key: { pk: { S: `TICKET#${TICKET_ID}` }, sk: { S: 'TICKET' } }, consistentRead: true });
    });

    it('gives a clear NotFound error for a missing ticket', async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'agent', args: ARGS, result: null });

      // Act
      const outcome = await runHandler(GET_TICKET, 'response', ctx);

      // Assess
      expectFieldError(outcome, 'NotFound', new RegExp(`Ticket ${TICKET_ID} does not exist: there is nothing to subscribe to`));
    });

    it("refuses a customer subscribing to another customer's ticket", async () => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona: 'other', args: ARGS, result: ticketItem() });

      // Act
      const outcome = await runHandler(GET_TICKET, 'response', ctx);

      // Assess
      expectFieldError(outcome, 'Unauthorized', new RegExp(`Not Authorized to access ticket ${TICKET_ID}: only its reporter and staff may`));
    });

    it.each(MAY_SUBSCRIBE_TO_THE_CUSTOMERS_TICKET)("applies reporterOrStaff to %s with the %s token on the customer's ticket (allowed: %s)", async (persona, token, allowed) => {
      // Prepare
      const ctx = makeContext({ field: FIELD, persona, token, args: ARGS, result: ticketItem() });

      // Act
      const outcome = await runHandler(GET_TICKET, 'response', ctx);

      // Assess
      if (allowed) expect(outcome.error).toBeUndefined();
      else expectFieldError(outcome, 'Unauthorized', /only its reporter and staff may/);
    });

    it("passes on the table's own error", async () => {
      // Prepare
      const error = { message: 'Throughput exceeds the current capacity of your table.', type: 'DynamoDB:ProvisionedThroughputExceededException' };
      const ctx = makeContext({ field: FIELD, persona: 'customer', args: ARGS, result: null, error });

      // Act
      const outcome = await runHandler(GET_TICKET, 'response', ctx);

      // Assess
      expectFieldError(outcome, 'DynamoDB:ProvisionedThroughputExceededException', /Throughput exceeds/);
    });
  });
});
