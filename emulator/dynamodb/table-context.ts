/** What every DynamoDB operation of the data source needs. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ReadWriteLock } from './read-write-lock.ts';

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
