/**
 * Pages of tickets read from one of the ticket indexes, newest first.
 */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { failOnDataSourceError } from './data-source-errors.ts';
import { ErrorType } from './errors.ts';
import { toTicket, type TicketItem, type TicketView } from './items.ts';
import type { GlobalSecondaryIndexDesign } from './table.ts';
import { pageSize } from './validation.ts';

/** A page of tickets, as `TicketConnection` wants it. */
export interface TicketPage {
  items: TicketView[];
  nextToken: string | null;
}

/**
 * The Query of one page of an index partition, newest first.
 *
 * @example
 * newestFirst(BY_REPORTER, reporterPk(email), ctx.args.limit, ctx.args.nextToken);
 */
export function newestFirst(
  index: GlobalSecondaryIndexDesign,
  partition: string,
  limit: number | null | undefined,
  nextToken: string | null | undefined,
): DynamoDBQueryRequest {
  const request: DynamoDBQueryRequest = {
    operation: 'Query',
    index: index.indexName,
    query: {
      expression: '#pk = :pk',
      expressionNames: { '#pk': index.partitionKey },
      expressionValues: util.dynamodb.toMapValues({ ':pk': partition }),
    },
    scanIndexForward: false,
    limit: pageSize(limit),
  };
  if (typeof nextToken === 'string' && nextToken !== '') request.nextToken = nextToken;
  return request;
}

/** The page of tickets a Query answered. */
export function ticketPage(ctx: Context): TicketPage {
  failOnDataSourceError(ctx, 'The tickets could not be read.', ErrorType.NotFound);
  const result = ctx.result as { items?: TicketItem[] | null; nextToken?: string | null } | null | undefined;
  if (result === null || result === undefined) return { items: [], nextToken: null };
  const items = result.items === null || result.items === undefined ? [] : result.items;
  const nextToken = typeof result.nextToken === 'string' && result.nextToken !== '' ? result.nextToken : null;
  return { items: items.map((item) => toTicket(item)), nextToken };
}
