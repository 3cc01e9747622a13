/**
 * GetItem, PutItem, UpdateItem and DeleteItem, translated as AppSync translates them. Writes
 * return the item as AppSync does: Put and Update the new item, Delete the old one.
 */
import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { fromAttributeMap, toAttributeMap } from './attribute-values.ts';
import { DataSourceError } from './data-source-error.ts';
import { addExpression, emptyParts, placeholderParams } from './expressions.ts';
import type { DynamoDbRequest } from './request-objects.ts';
import { sendShared, type TableContext } from './table-context.ts';

function requireKey(request: DynamoDbRequest): ReturnType<typeof toAttributeMap> {
  if (request.key === undefined || request.key === null) {
    throw new DataSourceError('DynamoDB:DynamoDbException', `${request.operation} needs a key.`);
  }
  return toAttributeMap(request.key);
}

/** `GetItem { key, consistentRead? }` → the item or `null`. */
export async function getItem(table: TableContext, request: DynamoDbRequest): Promise<unknown> {
  const parts = emptyParts();
  const ProjectionExpression = addExpression(parts, request.projection, 'projection');
  const command = new GetItemCommand({
    TableName: table.tableName,
    Key: requireKey(request),
    ConsistentRead: request.consistentRead === true,
    ...(ProjectionExpression === undefined ? {} : { ProjectionExpression }),
    ...(Object.keys(parts.names).length > 0 ? { ExpressionAttributeNames: parts.names } : {}),
  });
  const output = await sendShared(table, () => table.client.send(command));
  return output.Item === undefined ? null : fromAttributeMap(output.Item);
}

/** `PutItem { key, attributeValues, condition? }` → the item written. */
export async function putItem(table: TableContext, request: DynamoDbRequest): Promise<unknown> {
  const item = { ...toAttributeMap(request.attributeValues ?? {}), ...requireKey(request) };
  const parts = emptyParts();
  const ConditionExpression = addExpression(parts, request.condition, 'condition');
  const command = new PutItemCommand({
    TableName: table.tableName,
    Item: item,
    ...(ConditionExpression === undefined ? {} : { ConditionExpression }),
    ...placeholderParams(parts),
  });
  await sendShared(table, () => table.client.send(command));
  return fromAttributeMap(item);
}

/** `UpdateItem { key, update, condition? }` → the item after the update. */
export async function updateItem(table: TableContext, request: DynamoDbRequest): Promise<unknown> {
  const parts = emptyParts();
  const UpdateExpression = addExpression(parts, request.update, 'update');
  if (UpdateExpression === undefined) {
    throw new DataSourceError('DynamoDB:DynamoDbException', 'UpdateItem needs an update expression.');
  }
  const ConditionExpression = addExpression(parts, request.condition, 'condition');
  const command = new UpdateItemCommand({
    TableName: table.tableName,
    Key: requireKey(request),
    UpdateExpression,
    ReturnValues: 'ALL_NEW',
    ...(ConditionExpression === undefined ? {} : { ConditionExpression }),
    ...placeholderParams(parts),
  });
  const output = await sendShared(table, () => table.client.send(command));
  return output.Attributes === undefined ? null : fromAttributeMap(output.Attributes);
}

/** `DeleteItem { key, condition? }` → the deleted item, or `null` when there was none. */
export async function deleteItem(table: TableContext, request: DynamoDbRequest): Promise<unknown> {
  const parts = emptyParts();
  const ConditionExpression = addExpression(parts, request.condition, 'condition');
  const command = new DeleteItemCommand({
    TableName: table.tableName,
    Key: requireKey(request),
    ReturnValues: 'ALL_OLD',
    ...(ConditionExpression === undefined ? {} : { ConditionExpression }),
    ...placeholderParams(parts),
  });
  const output = await sendShared(table, () => table.client.send(command));
  return output.Attributes === undefined ? null : fromAttributeMap(output.Attributes);
}
