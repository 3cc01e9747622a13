/**
 * `Mutation.assignTicket`: assigns an existing ticket to a staff email. Staff only.
 */
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { requireFieldRule } from './lib/authorize.ts';
import type { TicketView } from './lib/items.ts';
import type { MutationAssignTicketArgs } from './lib/schema.generated.ts';
import { ticketUpdateRequest, ticketUpdateResult } from './lib/ticket-update.ts';

export function request(ctx: Context<MutationAssignTicketArgs>): DynamoDBUpdateItemRequest {
  requireFieldRule(ctx, 'Mutation.assignTicket');
  const assignee = ctx.args.assignee.trim().toLowerCase();
  return ticketUpdateRequest(ctx.args.id, { assignee }, [], util.time.nowISO8601());
}

export function response(ctx: Context<MutationAssignTicketArgs>): TicketView {
  return ticketUpdateResult(ctx);
}
