/**
 * `Subscription.onCommentAdded(ticketId)`: the cases it shares with `onTicketChanged` come from
 * `per-ticket-subscription.ts`; here, what a customer may select of a comment.
 */
import { expect, it } from 'vitest';
import { makeContext } from './make-context.ts';
import { expectFieldError, runHandler } from './run-bundle.ts';
import { describePerTicketSubscription, perTicketSubscription } from './per-ticket-subscription.ts';
import { withSelection } from './subscription-support.ts';

const ON_COMMENT_ADDED = perTicketSubscription({ field: 'Subscription.onCommentAdded', argument: 'ticketId', filterField: 'ticketId', events: 'comments' });
const { field: FIELD, args: ARGS, resolver: RESOLVER } = ON_COMMENT_ADDED;

describePerTicketSubscription(ON_COMMENT_ADDED, () => {
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
});
