/**
 * `Subscription.onTicketChanged(id)`, a pipeline run once when a client subscribes:
 *
 * 1. before: the field's rule (a verified email or staff) and the selection (no field the caller
 *    may not read, e.g. `internalNotes` for a customer);
 * 2. `1-get-ticket`: read the ticket; missing is `NotFound`, someone else's `Unauthorized`;
 * 3. after: deliver only the events of that ticket, decided on the server by `id` (never by an
 *    argument the client could change afterwards), and let `deleteTicket` end the subscription.
 */
import { extensions, util, type Context } from '@aws-appsync/utils';
import type { SubscriptionOnTicketChangedArgs } from '../lib/schema.generated.ts';
import { requireSubscriber } from '../lib/subscriptions.ts';

export function request(ctx: Context<SubscriptionOnTicketChangedArgs>): Record<string, never> {
  requireSubscriber(ctx, 'Subscription.onTicketChanged');
  return {};
}

export function response(ctx: Context<SubscriptionOnTicketChangedArgs>): null {
  const thisTicket = { id: { eq: ctx.args.id } };
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(thisTicket));
  // Matched against `invalidateSubscriptions({ subscriptionField: 'onTicketChanged', payload: { id } })`.
  extensions.setSubscriptionInvalidationFilter(util.transform.toSubscriptionFilter(thisTicket));
  return null;
}
