/**
 * What a subscription resolver checks when a client subscribes. It runs once, then, never per
 * event: the field's rule and the selection are checked here, and what each event may reach is
 * left to the filter the resolver sets (`extensions.setSubscriptionFilter`), which AppSync
 * applies on the server to every event.
 */
import type { Context } from '@aws-appsync/utils';
import { util } from '@aws-appsync/utils';
import type { Identity } from '../../policy/identity.ts';
import { callerOf, requireFieldRule, requireItemRule } from './authorize.ts';
import { failOnDataSourceError } from './data-source-errors.ts';
import { ErrorType } from './errors.ts';
import type { TicketItem } from './items.ts';
import { requireReadableSelection } from './selection.ts';

/**
 * The caller, after checking that the rule of `coordinate` lets them subscribe and that the
 * selection names no field they may not read; stops the resolver with `Unauthorized` otherwise.
 *
 * @example
 * requireSubscriber(ctx, 'Subscription.onTicketActivity');
 */
export function requireSubscriber(ctx: Context, coordinate: string): Identity {
  const caller = requireFieldRule(ctx, coordinate);
  requireReadableSelection(caller, ctx.info);
  return caller;
}

/**
 * Applies the item rule of `coordinate` to the ticket a subscription is about, from the result
 * of its GetItem: `NotFound` when there is no such ticket, `Unauthorized` unless the caller
 * reported it (verified email) or is staff.
 *
 * @example
 * export function response(ctx) { requireSubscribableTicket(ctx, 'Subscription.onTicketChanged', ctx.args.id); return null; }
 */
export function requireSubscribableTicket(ctx: Context, coordinate: string, ticketId: string): void {
  const missing = `Ticket ${ticketId} does not exist: there is nothing to subscribe to.`;
  failOnDataSourceError(ctx, missing, ErrorType.NotFound);
  const item = ctx.result as TicketItem | null | undefined;
  if (item === null || item === undefined) util.error(missing, ErrorType.NotFound);
  requireItemRule(callerOf(ctx), coordinate, item);
}
