/**
 * Reads the ticket to subscribe to (strongly consistent: a ticket opened a moment ago can be
 * subscribed to at once) and lets only its reporter and staff subscribe.
 */
import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { getTicket } from '../lib/requests.ts';
import type { SubscriptionOnTicketChangedArgs } from '../lib/schema.generated.ts';
import { requireSubscribableTicket } from '../lib/subscriptions.ts';

export function request(ctx: Context<SubscriptionOnTicketChangedArgs>): DynamoDBGetItemRequest {
  return getTicket(ctx.args.id, true);
}

export function response(ctx: Context<SubscriptionOnTicketChangedArgs>): null {
  requireSubscribableTicket(ctx, 'Subscription.onTicketChanged', ctx.args.id);
  return null;
}
