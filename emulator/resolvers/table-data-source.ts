/**
 * The `TABLE` data source: the DynamoDB table (`emulator/dynamodb/`), whose errors AppSync
 * reports to the resolver as `ctx.error` rather than failing the field.
 */
import { DataSourceError } from '../dynamodb/data-source-error.ts';
import type { DataSource } from '../dynamodb/dynamodb-data-source.ts';
import type { ResolverDataSource } from './data-source.ts';

/**
 * The table as a resolver data source: a `DataSourceError` becomes `ctx.error` (with what AppSync
 * still puts in `ctx.result`); anything else is the emulator failing.
 *
 * @example
 * const table = tableDataSource(createDynamoDbDataSource(tableContext));
 * await table.invoke({ operation: 'GetItem', key: { pk: { S: 'TICKET#1' }, sk: { S: 'TICKET' } } });
 */
export function tableDataSource(table: DataSource): ResolverDataSource {
  return {
    async invoke(request) {
      try {
        return { result: await table.invoke(request), error: null };
      } catch (error) {
        if (error instanceof DataSourceError) return { result: error.result, error: { message: error.message, type: error.errorType } };
        throw error;
      }
    },
  };
}
