/**
 * Lists the keys of the ticket's first comments: as many as fit in one transaction beside the
 * ticket's own delete.
 */
import { runtime, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { failOnDataSourceError } from '../lib/data-source-errors.ts';
import { ErrorType } from '../lib/errors.ts';
import { PK, SK } from '../lib/keys.ts';
import { commentsOf } from '../lib/requests.ts';
import type { MutationDeleteTicketArgs } from '../lib/schema.generated.ts';

/** DynamoDB's TransactWriteItems takes at most 100 actions; one of them deletes the ticket. */
export const COMMENTS_DELETED_PER_CALL = 99;

export function request(ctx: Context<MutationDeleteTicketArgs>): DynamoDBQueryRequest {
  if (ctx.stash.ticket === null) runtime.earlyReturn([]);
  const query = commentsOf(ctx.args.id);
  query.limit = COMMENTS_DELETED_PER_CALL;
  query.consistentRead = true;
  query.projection = { expression: '#pk, #sk', expressionNames: { '#pk': PK, '#sk': SK } };
  return query;
}

export function response(ctx: Context<MutationDeleteTicketArgs>): Array<{ pk: string; sk: string }> {
  failOnDataSourceError(ctx, `The comments of ticket ${ctx.args.id} could not be read.`, ErrorType.NotFound);
  const result = ctx.result as { items?: Array<{ pk: string; sk: string }> | null } | null | undefined;
  const items = result === null || result === undefined || result.items === null || result.items === undefined ? [] : result.items;
  const keys = items.map((item) => ({ pk: item.pk, sk: item.sk }));
  ctx.stash.commentKeys = keys;
  return keys;
}
