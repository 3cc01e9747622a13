/**
 * `nextToken` as AppSync hands it to resolvers: an opaque string. Here it is the base64url of
 * the JSON `LastEvaluatedKey`; clients must not (and cannot portably) look inside.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { toAttributeMap, toTypedJson } from './attribute-values.ts';
import { DataSourceError } from './data-source-error.ts';

/** Encodes DynamoDB's `LastEvaluatedKey`, or gives `null` when there is no more data. */
export function encodeNextToken(lastEvaluatedKey: Record<string, AttributeValue> | undefined): string | null {
  if (lastEvaluatedKey === undefined || Object.keys(lastEvaluatedKey).length === 0) return null;
  return Buffer.from(JSON.stringify(toTypedJson(lastEvaluatedKey)), 'utf8').toString('base64url');
}

/**
 * Decodes a `nextToken` from a request object into `ExclusiveStartKey`.
 * A token this emulator did not make is a data source error, never a crash.
 */
export function decodeNextToken(token: unknown): Record<string, AttributeValue> | undefined {
  if (token === undefined || token === null || token === '') return undefined;
  if (typeof token !== 'string' || token.length > 4096) throw badToken();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badToken();
  }
  try {
    return toAttributeMap(parsed);
  } catch {
    throw badToken();
  }
}

function badToken(): DataSourceError {
  return new DataSourceError('DynamoDB:DynamoDbException', 'Invalid pagination token given.');
}
