/**
 * The cases the two per-ticket subscriptions share, `onTicketChanged(id)` and
 * `onCommentAdded(ticketId)`: the same rule, the same ticket check (`1-get-ticket`: the ticket
 * exists and the caller is its reporter or staff) and a filter on the ticket's id. They differ in
 * the field, the argument naming the ticket and the event field the filter compares; each test
 * file describes its subscription with these and adds the selection-set cases of its own type.
 */
import { describe, expect, it } from 'vitest';
import { ticketItem, TICKET_ID } from './fixtures.ts';
import { makeContext, type PersonaName, type TokenKind } from './make-context.ts';
import { expectFieldError, runHandler } from './run-bundle.ts';
import { itAppliesTheSubscribeRule, itHasAnExpectationForEveryCaller } from './subscribe-rule-cases.ts';
import { recordedExtensions } from './subscription-support.ts';

// Written out from the rule table (a verified email, in the token sent, or staff may subscribe)
// and from the item rule on the customer's ticket (its reporter with a verified email, or staff).
//   persona, token, may subscribe, passes the ticket check on the customer's ticket
const PER_TICKET_CALLERS: ReadonlyArray<readonly [PersonaName, TokenKind, boolean, boolean]> = [
  ['customer', 'id', true, true],
  ['customer', 'access', false, false],
  ['customer', 'access-v2', true, true],
  ['other', 'id', true, false],
  ['other', 'access', false, false],
  ['other', 'access-v2', true, false],
  ['agent', 'id', true, true],
  ['agent', 'access', true, true],
  ['agent', 'access-v2', true, true],
  ['admin', 'id', true, true],
  ['admin', 'access', true, true],
  ['admin', 'access-v2', true, true],
  ['unverified', 'id', false, false],
  ['unverified', 'access', false, false],
  ['unverified', 'access-v2', false, false],
];

/** What sets one per-ticket subscription apart from the other. */
export interface PerTicketSubscriptionField {
  /** The field, e.g. `Subscription.onTicketChanged`; its pipeline is the folder of that name. */
  readonly field: string;
  /** The argument naming the ticket: `id` or `ticketId`. */
  readonly argument: string;
  /** The event's field the subscription filter compares with the ticket id. */
  readonly filterField: string;
  /** What the subscription delivers, as a test name says it: `events`, `comments`. */
  readonly events: string;
}

/** A per-ticket subscription with its built bundles and its arguments for the fixture ticket. */
export interface PerTicketSubscription extends PerTicketSubscriptionField {
  /** The pipeline resolver's bundle (before and after the functions). */
  readonly resolver: string;
  /** The `1-get-ticket` function's bundle. */
  readonly getTicket: string;
  /** `{ [argument]: TICKET_ID }`. */
  readonly args: Readonly<Record<string, string>>;
}

/**
 * The bundles and arguments of a per-ticket subscription.
 *
 * @example
 * const ON_TICKET_CHANGED = perTicketSubscription({ field: 'Subscription.onTicketChanged', argument: 'id', filterField: 'id', events: 'events' });
 * ON_TICKET_CHANGED.getTicket; // 'Subscription.onTicketChanged/1-get-ticket.js'
 */
export function perTicketSubscription(field: PerTicketSubscriptionField): PerTicketSubscription {
  return { ...field, resolver: `${field.field}/resolver.js`, getTicket: `${field.field}/1-get-ticket.js`, args: { [field.argument]: TICKET_ID } };
}

/**
 * Describes `Resolver: <field>` with the shared cases: the rule for every caller and the ticket
 * filter in the resolver, the ticket check in `1-get-ticket`. `ownResolverCases` registers the
 * resolver's cases that belong to this subscription alone (its selection-set checks).
 *
 * @example
 * describePerTicketSubscription(ON_TICKET_CHANGED, () => {
 *   it('refuses a customer whose selection names internalNotes', async () => { … });
 * });
 */
export function describePerTicketSubscription(subscription: PerTicketSubscription, ownResolverCases: () => void): void {
  const { field, args } = subscription;
  describe(`Resolver: ${field}`, () => {
    itHasAnExpectationForEveryCaller(PER_TICKET_CALLERS);

    describe('resolver (before and after the functions)', () => {
      itAppliesTheSubscribeRule({
        bundle: subscription.resolver,
        field,
        args,
        cases: PER_TICKET_CALLERS.map(([persona, token, maySubscribe]) => [persona, token, maySubscribe] as const),
        resultWhenAllowed: null,
      });

      ownResolverCases();

      it(`delivers only that ticket's ${subscription.events} and lets deleteTicket end the subscription`, async () => {
        // Prepare
        const ctx = makeContext({ field, persona: 'customer', args, prevResult: null });
        const thisTicket = { filterGroup: [{ filters: [{ fieldName: subscription.filterField, operator: 'eq', value: TICKET_ID }] }] };

        // Act
        const outcome = await runHandler(subscription.resolver, 'response', ctx);
        const extensions = recordedExtensions(subscription.resolver, 'response', ctx);

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
        const ctx = makeContext({ field, persona: 'customer', args });

        // Act
        const outcome = await runHandler(subscription.getTicket, 'request', ctx);

        // Assess
        expect(outcome.result).toEqual({ operation: 'GetItem', key: { pk: { S: `TICKET#${TICKET_ID}` }, sk: { S: 'TICKET' } }, consistentRead: true });
      });

      it('gives a clear NotFound error for a missing ticket', async () => {
        // Prepare
        const ctx = makeContext({ field, persona: 'agent', args, result: null });

        // Act
        const outcome = await runHandler(subscription.getTicket, 'response', ctx);

        // Assess
        expectFieldError(outcome, 'NotFound', new RegExp(`Ticket ${TICKET_ID} does not exist: there is nothing to subscribe to`));
      });

      it("refuses a customer subscribing to another customer's ticket", async () => {
        // Prepare
        const ctx = makeContext({ field, persona: 'other', args, result: ticketItem() });

        // Act
        const outcome = await runHandler(subscription.getTicket, 'response', ctx);

        // Assess
        expectFieldError(outcome, 'Unauthorized', new RegExp(`Not Authorized to access ticket ${TICKET_ID}: only its reporter and staff may`));
      });

      const onTheCustomersTicket = PER_TICKET_CALLERS.map(([persona, token, , passes]) => [persona, token, passes] as const);
      it.each(onTheCustomersTicket)("applies reporterOrStaff to %s with the %s token on the customer's ticket (allowed: %s)", async (persona, token, allowed) => {
        // Prepare
        const ctx = makeContext({ field, persona, token, args, result: ticketItem() });

        // Act
        const outcome = await runHandler(subscription.getTicket, 'response', ctx);

        // Assess
        if (allowed) expect(outcome.error).toBeUndefined();
        else expectFieldError(outcome, 'Unauthorized', /only its reporter and staff may/);
      });

      it("passes on the table's own error", async () => {
        // Prepare
        const error = { message: 'Throughput exceeds the current capacity of your table.', type: 'DynamoDB:ProvisionedThroughputExceededException' };
        const ctx = makeContext({ field, persona: 'customer', args, result: null, error });

        // Act
        const outcome = await runHandler(subscription.getTicket, 'response', ctx);

        // Assess
        expectFieldError(outcome, 'DynamoDB:ProvisionedThroughputExceededException', /Throughput exceeds/);
      });
    });
  });
}
