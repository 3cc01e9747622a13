/**
 * `Query.myTickets`: the tickets reported by the caller's verified email, newest first.
 */
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import { requireFieldRule } from './lib/authorize.ts';
import { reporterPk } from './lib/keys.ts';
import { newestFirst, ticketPage, type TicketPage } from './lib/pagination.ts';
import type { QueryMyTicketsArgs } from './lib/schema.generated.ts';
import { BY_REPORTER } from './lib/table.ts';

export function request(ctx: Context<QueryMyTicketsArgs>): DynamoDBQueryRequest {
  const caller = requireFieldRule(ctx, 'Query.myTickets');
  // The rule grants verified emails only, so the email is there.
  return newestFirst(BY_REPORTER, reporterPk(caller.email as string), ctx.args.limit, ctx.args.nextToken);
}

export function response(ctx: Context<QueryMyTicketsArgs>): TicketPage {
  return ticketPage(ctx);
}
