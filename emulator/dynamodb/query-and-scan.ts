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
import { sendShared, type TableContext } from './table-context.ts';

const SELECTS = new Set(['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT']);

/** What Query and Scan put in `ctx.result`. */
export interface PageResult {
  items: unknown[];
  nextToken: string | null;
  scannedCount: number;
}

/**
 * What Query and Scan share: index, limit, start key, consistency, select, and the filter and
 * projection, whose placeholders join those already in `parts` (the key condition's, for Query).
 */
function commonParams(table: TableContext, request: DynamoDbRequest, parts: ReturnType<typeof emptyParts>) {
  if (request.limit !== undefined && request.limit !== null && (!Number.isInteger(request.limit) || request.limit < 1)) {
    throw new DataSourceError('DynamoDB:DynamoDbException', 'limit must be a positive integer.');
  }
  if (request.select !== undefined && !SELECTS.has(request.select)) {
    throw new DataSourceError('DynamoDB:DynamoDbException', `Unknown select ${JSON.stringify(request.select)}.`);
  }
  const ExclusiveStartKey = decodeNextToken({ key: table.paginationKey, tableName: table.tableName }, request.nextToken);
  const FilterExpression = addExpression(parts, request.filter, 'filter');
  const ProjectionExpression = addExpression(parts, request.projection, 'projection');
  return {
    ...(typeof request.index === 'string' ? { IndexName: request.index } : {}),
    ...(typeof request.limit === 'number' ? { Limit: request.limit } : {}),
    ...(ExclusiveStartKey === undefined ? {} : { ExclusiveStartKey }),
    ...(request.consistentRead === true ? { ConsistentRead: true } : {}),
    ...(request.select === undefined ? {} : { Select: request.select as Select }),
    ...(FilterExpression === undefined ? {} : { FilterExpression }),
    ...(ProjectionExpression === undefined ? {} : { ProjectionExpression }),
    ...placeholderParams(parts),
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
  const command = new QueryCommand({
    TableName: table.tableName,
    KeyConditionExpression,
    ScanIndexForward: request.scanIndexForward !== false,
    ...commonParams(table, request, parts),
  });
  return page(table, await sendShared(table, () => table.client.send(command)));
}

/** `Scan { index?, limit?, nextToken?, filter?, select?, segment?, totalSegments?, projection? }`. */
export async function scan(table: TableContext, request: DynamoDbRequest): Promise<PageResult> {
  const command = new ScanCommand({
    TableName: table.tableName,
    ...(typeof request.segment === 'number' ? { Segment: request.segment } : {}),
    ...(typeof request.totalSegments === 'number' ? { TotalSegments: request.totalSegments } : {}),
    ...commonParams(table, request, emptyParts()),
  });
  return page(table, await sendShared(table, () => table.client.send(command)));
}
