/**
 * The response shared by the mutations that update one existing ticket.
 */
import type { Context } from '@aws-appsync/utils';
import { failOnDataSourceError } from './data-source.ts';
import { ErrorType } from './errors.ts';
import { toTicket, type TicketItem, type TicketView } from './items.ts';

/** The updated ticket, or `NotFound` when the update's "ticket exists" condition failed. */
export function updatedTicket(ctx: Context<{ id: string }>): TicketView {
  failOnDataSourceError(ctx, `Ticket ${ctx.args.id} does not exist.`, ErrorType.NotFound);
  return toTicket(ctx.result as TicketItem);
}
