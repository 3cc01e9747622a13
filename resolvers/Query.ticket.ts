/**
 * `Query.ticket`: one ticket, returned only to its reporter (verified email), staff, or a caller
 * holding the read scope (`helpdesk/tickets.read`). The
 * data-level rule needs the item, so it is applied to the result; a missing ticket is `null`.
 */
import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { callerOf, requireFieldRule, requireItemRule } from './lib/authorize.ts';
import { failOnDataSourceError } from './lib/data-source-errors.ts';
import { ErrorType } from './lib/errors.ts';
import { toTicket, type TicketItem, type TicketView } from './lib/items.ts';
import { getTicket } from './lib/requests.ts';
import type { QueryTicketArgs } from './lib/schema.generated.ts';

export function request(ctx: Context<QueryTicketArgs>): DynamoDBGetItemRequest {
  requireFieldRule(ctx, 'Query.ticket');
  return getTicket(ctx.args.id, false);
}

export function response(ctx: Context<QueryTicketArgs>): TicketView | null {
  failOnDataSourceError(ctx, `Ticket ${ctx.args.id} could not be read.`, ErrorType.NotFound);
  const item = ctx.result as TicketItem | null | undefined;
  if (item === null || item === undefined) return null;
  requireItemRule(callerOf(ctx), 'Query.ticket', item);
  return toTicket(item);
}
