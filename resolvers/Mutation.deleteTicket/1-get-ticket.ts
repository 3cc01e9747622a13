/**
 * Reads the ticket to delete; when there is none, stashes `null` so later steps do nothing.
 */
import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { failOnDataSourceError } from '../lib/data-source-errors.ts';
import { ErrorType } from '../lib/errors.ts';
import { toTicket, type TicketItem, type TicketView } from '../lib/items.ts';
import { getTicket } from '../lib/requests.ts';
import type { MutationDeleteTicketArgs } from '../lib/schema.generated.ts';

export function request(ctx: Context<MutationDeleteTicketArgs>): DynamoDBGetItemRequest {
  return getTicket(ctx.args.id, true);
}

export function response(ctx: Context<MutationDeleteTicketArgs>): TicketView | null {
  failOnDataSourceError(ctx, `Ticket ${ctx.args.id} could not be read.`, ErrorType.NotFound);
  const item = ctx.result as TicketItem | null | undefined;
  const ticket = item === null || item === undefined ? null : toTicket(item);
  ctx.stash.ticket = ticket;
  return ticket;
}
