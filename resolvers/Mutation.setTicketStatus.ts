/**
 * `Mutation.setTicketStatus`: moves an existing ticket to another status, and to that status's
 * partition of the `byStatus` index. Staff only.
 */
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { requireFieldRule } from './lib/authorize.ts';
import type { TicketView } from './lib/items.ts';
import { statusPk } from './lib/keys.ts';
import type { MutationSetTicketStatusArgs } from './lib/schema.generated.ts';
import { BY_STATUS } from './lib/table.ts';
import { ticketUpdateRequest, ticketUpdateResult } from './lib/ticket-update.ts';

export function request(ctx: Context<MutationSetTicketStatusArgs>): DynamoDBUpdateItemRequest {
  requireFieldRule(ctx, 'Mutation.setTicketStatus');
  const set: Record<string, string> = { status: ctx.args.status };
  set[BY_STATUS.partitionKey] = statusPk(ctx.args.status);
  return ticketUpdateRequest(ctx.args.id, set, [], util.time.nowISO8601());
}

export function response(ctx: Context<MutationSetTicketStatusArgs>): TicketView {
  return ticketUpdateResult(ctx);
}
