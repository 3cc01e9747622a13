/**
 * Reads the ticket to comment on (strongly consistent) and lets only its reporter and staff on.
 */
import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { util } from '@aws-appsync/utils';
import { callerOf, requireItemRule } from '../lib/authorize.ts';
import { failOnDataSourceError } from '../lib/data-source-errors.ts';
import { ErrorType } from '../lib/errors.ts';
import { toTicket, type TicketItem, type TicketView } from '../lib/items.ts';
import { getTicket } from '../lib/requests.ts';
import type { MutationAddCommentArgs } from '../lib/schema.generated.ts';

export function request(ctx: Context<MutationAddCommentArgs>): DynamoDBGetItemRequest {
  return getTicket(ctx.args.ticketId, true);
}

export function response(ctx: Context<MutationAddCommentArgs>): TicketView {
  const missing = `Ticket ${ctx.args.ticketId} does not exist: there is nothing to comment on.`;
  failOnDataSourceError(ctx, missing, ErrorType.NotFound);
  const item = ctx.result as TicketItem | null | undefined;
  if (item === null || item === undefined) util.error(missing, ErrorType.NotFound);
  requireItemRule(callerOf(ctx), 'Mutation.addComment', item);
  return toTicket(item);
}
