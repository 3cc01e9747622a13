/**
 * Reads the ticket whose comments are subscribed to (strongly consistent) and lets only its
 * reporter and staff subscribe.
 */
import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { getTicket } from '../lib/requests.ts';
import type { SubscriptionOnCommentAddedArgs } from '../lib/schema.generated.ts';
import { requireSubscribableTicket } from '../lib/subscriptions.ts';

export function request(ctx: Context<SubscriptionOnCommentAddedArgs>): DynamoDBGetItemRequest {
  return getTicket(ctx.args.ticketId, true);
}

export function response(ctx: Context<SubscriptionOnCommentAddedArgs>): null {
  requireSubscribableTicket(ctx, 'Subscription.onCommentAdded', ctx.args.ticketId);
  return null;
}
