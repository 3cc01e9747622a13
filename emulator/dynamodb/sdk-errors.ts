/**
 * Maps errors from the DynamoDB SDK to what AppSync puts in `ctx.error`: type
 * `DynamoDB:<exception>` and the service message followed by AppSync's
 * `(Service: DynamoDb, Status Code: 400, Request ID: …)` suffix.
 */
import { DataSourceError } from './data-source-error.ts';

/** Exceptions AppSync reports under their own name; everything else is `DynamoDbException`. */
const NAMED = new Set([
  'ConditionalCheckFailedException',
  'TransactionCanceledException',
  'ProvisionedThroughputExceededException',
  'ResourceNotFoundException',
  'ItemCollectionSizeLimitExceededException',
]);

interface SdkErrorLike {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/**
 * Converts anything the SDK threw into a `DataSourceError`.
 *
 * @example
 * await client.send(command).catch((error) => { throw toDataSourceError(error); });
 */
export function toDataSourceError(error: unknown): DataSourceError {
  if (error instanceof DataSourceError) return error;
  const sdk = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorLike;
  const name = typeof sdk.name === 'string' ? sdk.name : 'DynamoDbException';
  const status = sdk.$metadata?.httpStatusCode ?? 500;
  const requestId = sdk.$metadata?.requestId ?? 'local';
  const message = name === 'ConditionalCheckFailedException'
    ? 'The conditional request failed'
    : typeof sdk.message === 'string' && sdk.message !== '' ? sdk.message : 'DynamoDB request failed';
  const type = NAMED.has(name) ? name : 'DynamoDbException';
  return new DataSourceError(`DynamoDB:${type}`, `${message} (Service: DynamoDb, Status Code: ${status}, Request ID: ${requestId})`);
}
