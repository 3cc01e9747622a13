/**
 * `Subscription.onTicketActivity`: every ticket opened or changed, for staff. NONE data source,
 * run once when a client subscribes: the rule and the selection are checked, and no filter is
 * set, so every event of the subscribed mutations is delivered.
 */
import type { Context, NONERequest } from '@aws-appsync/utils';
import { requireSubscriber } from './lib/subscriptions.ts';

export function request(ctx: Context): NONERequest {
  requireSubscriber(ctx, 'Subscription.onTicketActivity');
  return { payload: null };
}

export function response(): null {
  return null;
}
