/**
 * Deletes the ticket, on condition that it still exists: when another request deleted it
 * meanwhile, the answer is `null`, as for a ticket that never existed.
 */
import { runtime, util, type Context, type DynamoDBDeleteItemRequest } from '@aws-appsync/utils';
import { failOnDataSourceError } from '../lib/data-source.ts';
import { CONDITIONAL_CHECK_FAILED, ErrorType } from '../lib/errors.ts';
import { toTicket, type TicketItem, type TicketView } from '../lib/items.ts';
import { ticketKey } from '../lib/keys.ts';
import { itemExists } from '../lib/requests.ts';
import type { MutationDeleteTicketArgs } from '../lib/schema.generated.ts';

export function request(ctx: Context<MutationDeleteTicketArgs>): DynamoDBDeleteItemRequest {
  if (ctx.stash.ticket === null) runtime.earlyReturn(null);
  return {
    operation: 'DeleteItem',
    key: util.dynamodb.toMapValues(ticketKey(ctx.args.id)),
    condition: itemExists(),
  };
}

export function response(ctx: Context<MutationDeleteTicketArgs>): TicketView | null {
  if (ctx.error !== undefined && ctx.error !== null && ctx.error.type === CONDITIONAL_CHECK_FAILED) return null;
  failOnDataSourceError(ctx, `Ticket ${ctx.args.id} could not be deleted.`, ErrorType.NotFound);
  return toTicket(ctx.result as TicketItem);
}
