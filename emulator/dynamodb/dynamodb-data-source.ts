/**
 * The `TABLE` data source: takes the request object a resolver's `request(ctx)` returned and
 * does what AppSync's DynamoDB data source does with it.
 */
import { batchDeleteItem, batchGetItem, batchPutItem } from './batch-operations.ts';
import { DataSourceError } from './data-source-error.ts';
import { deleteItem, getItem, putItem, updateItem } from './item-operations.ts';
import { query, scan } from './query-and-scan.ts';
import type { DynamoDbRequest } from './request-objects.ts';
import type { TableContext } from './table-context.ts';
import { transactGetItems, transactWriteItems } from './transactions.ts';

type Operation = (table: TableContext, request: DynamoDbRequest) => Promise<unknown>;

const OPERATIONS: Readonly<Record<string, Operation>> = {
  GetItem: getItem,
  PutItem: putItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  Query: query,
  Scan: scan,
  BatchGetItem: batchGetItem,
  BatchPutItem: batchPutItem,
  BatchDeleteItem: batchDeleteItem,
  TransactWriteItems: transactWriteItems,
  TransactGetItems: transactGetItems,
};

/** A data source resolvers can call. */
export interface DataSource {
  /** Runs one request object; rejects with a `DataSourceError` for `ctx.error`. */
  invoke(request: unknown): Promise<unknown>;
}

/**
 * Creates the DynamoDB data source for one table.
 *
 * @example
 * const table = createDynamoDbDataSource({ client, tableName: 'helpdesk', lock: createReadWriteLock(), paginationKey: loadPaginationKey('.data') });
 * await table.invoke({ operation: 'GetItem', key: { pk: { S: 'TICKET#1' }, sk: { S: 'TICKET' } } });
 */
export function createDynamoDbDataSource(table: TableContext): DataSource {
  return {
    async invoke(request: unknown): Promise<unknown> {
      if (request === null || typeof request !== 'object' || Array.isArray(request)) {
        throw new DataSourceError('DynamoDB:DynamoDbException', 'The request handler must return a DynamoDB request object.');
      }
      const operationName = (request as { operation?: unknown }).operation;
      const operation = typeof operationName === 'string' && Object.hasOwn(OPERATIONS, operationName) ? OPERATIONS[operationName] : undefined;
      if (operation === undefined) {
        throw new DataSourceError('DynamoDB:DynamoDbException', `Unsupported operation ${JSON.stringify(operationName)}.`);
      }
      return operation(table, request as DynamoDbRequest);
    },
  };
}
