/**
 * Query and Scan, translated as AppSync does: `{ items, nextToken, scannedCount }` with an
 * opaque `nextToken`.
 */
import { QueryCommand, ScanCommand, type Select } from '@aws-sdk/client-dynamodb';
import { fromAttributeMap } from './attribute-values.ts';
import { DataSourceError } from './data-source-error.ts';
import { addExpression, emptyParts, placeholderParams } from './expressions.ts';
import { decodeNextToken, encodeNextToken } from './pagination-token.ts';
import type { DynamoDbRequest } from './request-objects.ts';
import { toDataSourceError } from './sdk-errors.ts';
import type { TableContext } from './table-context.ts';

const SELECTS = new Set(['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT']);

/** What Query and Scan put in `ctx.result`. */
export interface PageResult {
  items: unknown[];
  nextToken: string | null;
  scannedCount: number;
}

function commonParams(table: TableContext, request: DynamoDbRequest) {
  if (request.limit !== undefined && request.limit !== null && (!Number.isInteger(request.limit) || request.limit < 1)) {
    throw new DataSourceError('DynamoDB:DynamoDbException', 'limit must be a positive integer.');
  }
  if (request.select !== undefined && !SELECTS.has(request.select)) {
    throw new DataSourceError('DynamoDB:DynamoDbException', `Unknown select ${JSON.stringify(request.select)}.`);
  }
  const ExclusiveStartKey = decodeNextToken({ key: table.paginationKey, tableName: table.tableName }, request.nextToken);
  return {
    ...(typeof request.index === 'string' ? { IndexName: request.index } : {}),
    ...(typeof request.limit === 'number' ? { Limit: request.limit } : {}),
    ...(ExclusiveStartKey === undefined ? {} : { ExclusiveStartKey }),
    ...(request.consistentRead === true ? { ConsistentRead: true } : {}),
    ...(request.select === undefined ? {} : { Select: request.select as Select }),
  };
}

function page(table: TableContext, output: { Items?: Array<Record<string, import('@aws-sdk/client-dynamodb').AttributeValue>>; LastEvaluatedKey?: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue>; ScannedCount?: number }): PageResult {
  return {
    items: (output.Items ?? []).map(fromAttributeMap),
    nextToken: encodeNextToken({ key: table.paginationKey, tableName: table.tableName }, output.LastEvaluatedKey),
    scannedCount: output.ScannedCount ?? 0,
  };
}

/** `Query { query, index?, limit?, nextToken?, scanIndexForward?, filter?, select?, projection? }`. */
export async function query(table: TableContext, request: DynamoDbRequest): Promise<PageResult> {
  const parts = emptyParts();
  const KeyConditionExpression = addExpression(parts, request.query, 'query');
  if (KeyConditionExpression === undefined) {
    throw new DataSourceError('DynamoDB:DynamoDbException', 'Query needs a query expression.');
  }
  const FilterExpression = addExpression(parts, request.filter, 'filter');
  const ProjectionExpression = addExpression(parts, request.projection, 'projection');
  const command = new QueryCommand({
    TableName: table.tableName,
    KeyConditionExpression,
    ScanIndexForward: request.scanIndexForward !== false,
    ...commonParams(table, request),
    ...(FilterExpression === undefined ? {} : { FilterExpression }),
    ...(ProjectionExpression === undefined ? {} : { ProjectionExpression }),
    ...placeholderParams(parts),
  });
  const output = await table.lock.shared(() => table.client.send(command)).catch((error) => {
    throw toDataSourceError(error);
  });
  return page(table, output);
}

/** `Scan { index?, limit?, nextToken?, filter?, select?, segment?, totalSegments?, projection? }`. */
export async function scan(table: TableContext, request: DynamoDbRequest): Promise<PageResult> {
  const parts = emptyParts();
  const FilterExpression = addExpression(parts, request.filter, 'filter');
  const ProjectionExpression = addExpression(parts, request.projection, 'projection');
  const command = new ScanCommand({
    TableName: table.tableName,
    ...commonParams(table, request),
    ...(typeof request.segment === 'number' ? { Segment: request.segment } : {}),
    ...(typeof request.totalSegments === 'number' ? { TotalSegments: request.totalSegments } : {}),
    ...(FilterExpression === undefined ? {} : { FilterExpression }),
    ...(ProjectionExpression === undefined ? {} : { ProjectionExpression }),
    ...placeholderParams(parts),
  });
  const output = await table.lock.shared(() => table.client.send(command)).catch((error) => {
    throw toDataSourceError(error);
  });
  return page(table, output);
}
