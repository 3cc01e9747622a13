/** What every DynamoDB operation of the data source needs. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ReadWriteLock } from './read-write-lock.ts';
import { toDataSourceError } from './sdk-errors.ts';

export interface TableContext {
  /** An SDK client pointed at dynalite or `DYNAMODB_ENDPOINT`. */
  readonly client: DynamoDBClient;
  /** The table the data source `TABLE` is attached to. */
  readonly tableName: string;
  /** Shared by single operations, held alone by emulated transactions. */
  readonly lock: ReadWriteLock;
  /** Seals `nextToken`s (see `pagination-token.ts`). */
  readonly paginationKey: Buffer;
}

/**
 * Runs one SDK call under the table's shared lock (emulated transactions hold it alone), with
 * SDK errors turned into the data source errors AppSync puts in `ctx.error`.
 *
 * @example
 * const output = await sendShared(table, () => table.client.send(new GetItemCommand(input)));
 */
export function sendShared<Output>(table: TableContext, send: () => Promise<Output>): Promise<Output> {
  return table.lock.shared(send).catch((error: unknown) => {
    throw toDataSourceError(error);
  });
}
