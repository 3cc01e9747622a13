/**
 * `Mutation.assignTicket`: assigns an existing ticket to a staff email. Staff only.
 */
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { requireFieldRule } from './lib/authorize.ts';
import type { TicketView } from './lib/items.ts';
import { updateTicket } from './lib/requests.ts';
import type { MutationAssignTicketArgs } from './lib/schema.generated.ts';
import { updatedTicket } from './lib/ticket-update.ts';

export function request(ctx: Context<MutationAssignTicketArgs>): DynamoDBUpdateItemRequest {
  requireFieldRule(ctx, 'Mutation.assignTicket');
  const assignee = ctx.args.assignee.trim().toLowerCase();
  return updateTicket(ctx.args.id, { assignee }, [], util.time.nowISO8601());
}

export function response(ctx: Context<MutationAssignTicketArgs>): TicketView {
  return updatedTicket(ctx);
}
