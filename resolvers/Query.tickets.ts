/**
 * `Query.tickets`: every ticket, or those of one status, newest first. Staff only.
 */
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import { requireFieldRule } from './lib/authorize.ts';
import { ALL_TICKETS_PK, statusPk } from './lib/keys.ts';
import { newestFirst, ticketPage, type TicketPage } from './lib/pagination.ts';
import type { QueryTicketsArgs } from './lib/schema.generated.ts';
import { ALL_TICKETS, BY_STATUS } from './lib/table.ts';

export function request(ctx: Context<QueryTicketsArgs>): DynamoDBQueryRequest {
  requireFieldRule(ctx, 'Query.tickets');
  const status = ctx.args.status;
  if (typeof status === 'string') return newestFirst(BY_STATUS, statusPk(status), ctx.args.limit, ctx.args.nextToken);
  return newestFirst(ALL_TICKETS, ALL_TICKETS_PK, ctx.args.limit, ctx.args.nextToken);
}

export function response(ctx: Context<QueryTicketsArgs>): TicketPage {
  return ticketPage(ctx);
}
