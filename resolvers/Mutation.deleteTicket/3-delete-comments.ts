/**
 * Deletes the listed comments in one BatchDeleteItem. Batch requests name their table, which
 * only the deployment knows: it comes from the API environment variable `TABLE_NAME`.
 */
import { runtime, util, type Context, type DynamoDBBatchDeleteItemRequest } from '@aws-appsync/utils';
import { failOnDataSourceError } from '../lib/data-source.ts';
import { tableName } from '../lib/environment.ts';
import { ErrorType } from '../lib/errors.ts';
import type { MutationDeleteTicketArgs } from '../lib/schema.generated.ts';

export function request(ctx: Context<MutationDeleteTicketArgs>): DynamoDBBatchDeleteItemRequest {
  const keys = ctx.stash.commentKeys as Array<{ pk: string; sk: string }> | null | undefined;
  if (keys === null || keys === undefined || keys.length === 0) runtime.earlyReturn(0);
  const tables: DynamoDBBatchDeleteItemRequest['tables'] = {};
  tables[tableName(ctx, "Deleting a ticket's comments")] = keys.map((key) => util.dynamodb.toMapValues(key) as Record<string, unknown>);
  return { operation: 'BatchDeleteItem', tables };
}

export function response(ctx: Context<MutationDeleteTicketArgs>): number {
  failOnDataSourceError(ctx, `The comments of ticket ${ctx.args.id} could not be deleted.`, ErrorType.NotFound);
  const keys = ctx.stash.commentKeys as unknown[];
  return keys.length;
}
