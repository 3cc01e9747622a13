/**
 * Deletes the listed comments in one BatchDeleteItem. Batch requests name their table, which
 * only the deployment knows: it comes from the API environment variable `TABLE_NAME`.
 */
import { runtime, util, type Context, type DynamoDBBatchDeleteItemRequest } from '@aws-appsync/utils';
import { failOnDataSourceError } from '../lib/data-source.ts';
import { ErrorType } from '../lib/errors.ts';
import type { MutationDeleteTicketArgs } from '../lib/schema.generated.ts';

/** The API environment variable holding the table's name. */
export const TABLE_NAME_VARIABLE = 'TABLE_NAME';

export function request(ctx: Context<MutationDeleteTicketArgs>): DynamoDBBatchDeleteItemRequest {
  const keys = ctx.stash.commentKeys as Array<{ pk: string; sk: string }> | null | undefined;
  if (keys === null || keys === undefined || keys.length === 0) runtime.earlyReturn(0);
  const env = ctx.env as Record<string, string> | null | undefined;
  const tableName = env === null || env === undefined ? undefined : env[TABLE_NAME_VARIABLE];
  if (typeof tableName !== 'string' || tableName === '') {
    util.error(
      `Deleting a ticket's comments needs the API environment variable ${TABLE_NAME_VARIABLE} (the table's name).`,
      ErrorType.ConfigurationError,
    );
  }
  const tables: DynamoDBBatchDeleteItemRequest['tables'] = {};
  tables[tableName] = keys.map((key) => util.dynamodb.toMapValues(key) as Record<string, unknown>);
  return { operation: 'BatchDeleteItem', tables };
}

export function response(ctx: Context<MutationDeleteTicketArgs>): number {
  failOnDataSourceError(ctx, `The comments of ticket ${ctx.args.id} could not be deleted.`, ErrorType.NotFound);
  const keys = ctx.stash.commentKeys as unknown[];
  return keys.length;
}
