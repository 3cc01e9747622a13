/**
 * `Subscription.onCommentAdded(ticketId)`, a pipeline run once when a client subscribes:
 *
 * 1. before: the field's rule (a verified email or staff) and the selection (no field the caller
 *    may not read);
 * 2. `1-get-ticket`: read the ticket; missing is `NotFound`, someone else's `Unauthorized`;
 * 3. after: deliver only the comments of that ticket, decided on the server by `ticketId`, and
 *    let `deleteTicket` end the subscription.
 */
import { extensions, util, type Context } from '@aws-appsync/utils';
import type { SubscriptionOnCommentAddedArgs } from '../lib/schema.generated.ts';
import { requireSubscriber } from '../lib/subscriptions.ts';

export function request(ctx: Context<SubscriptionOnCommentAddedArgs>): Record<string, never> {
  requireSubscriber(ctx, 'Subscription.onCommentAdded');
  return {};
}

export function response(ctx: Context<SubscriptionOnCommentAddedArgs>): null {
  const thisTicket = { ticketId: { eq: ctx.args.ticketId } };
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(thisTicket));
  // Matched against `invalidateSubscriptions({ subscriptionField: 'onCommentAdded', payload: { ticketId } })`.
  extensions.setSubscriptionInvalidationFilter(util.transform.toSubscriptionFilter(thisTicket));
  return null;
}
