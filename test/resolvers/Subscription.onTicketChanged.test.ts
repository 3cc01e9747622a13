/**
 * `Subscription.onTicketChanged(id)`: the cases it shares with `onCommentAdded` come from
 * `per-ticket-subscription.ts`; here, the selection-set checks that keep `Ticket.internalNotes`
 * from customers.
 */
import { expect, it } from 'vitest';
import { makeContext, type PersonaName } from './make-context.ts';
import { expectFieldError, runHandler } from './run-bundle.ts';
import { describePerTicketSubscription, perTicketSubscription } from './per-ticket-subscription.ts';
import { withSelection } from './subscription-support.ts';

const ON_TICKET_CHANGED = perTicketSubscription({ field: 'Subscription.onTicketChanged', argument: 'id', filterField: 'id', events: 'events' });
const { field: FIELD, args: ARGS, resolver: RESOLVER } = ON_TICKET_CHANGED;

describePerTicketSubscription(ON_TICKET_CHANGED, () => {
  it('refuses a customer whose selection names internalNotes', async () => {
    // Prepare
    const ctx = withSelection(makeContext({ field: FIELD, persona: 'customer', args: ARGS }), ['id', 'status', 'internalNotes'], '{\n  id\n  status\n  internalNotes\n}');

    // Act
    const outcome = await runHandler(RESOLVER, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /Not Authorized to access Ticket\.internalNotes: remove it from the selection set/);
  });

  it('refuses a customer who selects internalNotes under an alias', async () => {
    // Prepare: AppSync lists an aliased field under its alias only; the text shows the field.
    const ctx = withSelection(makeContext({ field: FIELD, persona: 'customer', args: ARGS }), ['id', 'status'], '{\n  id\n  status: internalNotes\n}');

    // Act
    const outcome = await runHandler(RESOLVER, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /Ticket\.internalNotes/);
  });

  it('refuses a customer who spreads a named fragment, whose fields the resolver cannot see', async () => {
    // Prepare: `fragment F on Ticket { id: internalNotes }` shows up as `id` and `...F`.
    const ctx = withSelection(makeContext({ field: FIELD, persona: 'customer', args: ARGS }), ['id'], '{\n  ...F\n}');

    // Act
    const outcome = await runHandler(RESOLVER, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /named fragment/);
  });

  it('tells a named fragment whose name starts with "on" from an inline fragment', async () => {
    // Prepare
    const ctx = withSelection(makeContext({ field: FIELD, persona: 'customer', args: ARGS }), ['id'], '{\n  ...onTicket\n}');

    // Act
    const outcome = await runHandler(RESOLVER, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /named fragment/);
  });

  it('refuses a customer who selects internalNotes in an inline fragment with a directive', async () => {
    // Prepare
    const ctx = withSelection(makeContext({ field: FIELD, persona: 'customer', args: ARGS }), ['id', 'internalNotes'], '{\n  id\n  ... @include(if: true) {\n    internalNotes\n  }\n}');

    // Act
    const outcome = await runHandler(RESOLVER, 'request', ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /Ticket\.internalNotes/);
  });

  it('refuses a customer when the selection set cannot be read', async () => {
    // Prepare
    const ctx = makeContext({ field: FIELD, persona: 'customer', args: ARGS });
    const withoutText = { ...ctx, info: { fieldName: ctx.info.fieldName, parentTypeName: ctx.info.parentTypeName, variables: {}, selectionSetList: ['id'] } };

    // Act
    const outcome = await runHandler(RESOLVER, 'request', withoutText as unknown as typeof ctx);

    // Assess
    expectFieldError(outcome, 'Unauthorized', /selection set could not be read/);
  });

  it('lets a customer select every other field, in inline fragments too', async () => {
    // Prepare
    const list = ['id', 'title', 'body', 'status', 'reporter', 'assignee', 'createdAt', 'updatedAt', 'comments', 'comments/author'];
    const graphql = '{\n  id\n  ... @include(if: true) {\n    __typename\n  }\n  ... on Ticket {\n    title\n    body\n    status\n    reporter\n    assignee\n    createdAt\n    updatedAt\n  }\n  comments {\n    author\n  }\n}';
    const ctx = withSelection(makeContext({ field: FIELD, persona: 'customer', args: ARGS }), list, graphql);

    // Act
    const outcome = await runHandler(RESOLVER, 'request', ctx);

    // Assess
    expect(outcome.error).toBeUndefined();
  });

  it.each<PersonaName>(['agent', 'admin'])('lets %s select internalNotes, in a named fragment too', async (persona) => {
    // Prepare
    const ctx = withSelection(makeContext({ field: FIELD, persona, args: ARGS }), ['id', 'internalNotes', 'notes'], '{\n  id\n  internalNotes\n  ...F\n}');

    // Act
    const outcome = await runHandler(RESOLVER, 'request', ctx);

    // Assess
    expect(outcome.error).toBeUndefined();
  });
});
