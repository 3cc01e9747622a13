/**
 * BatchGetItem, BatchPutItem and BatchDeleteItem with explicit table names, as AppSync
 * translates them: results keep the request's order, missing items read as `null`, and what
 * DynamoDB left unprocessed is reported per table.
 */
import { BatchGetItemCommand, BatchWriteItemCommand, type AttributeValue, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { fromAttributeMap, toAttributeMap } from './attribute-values.ts';
import { DataSourceError } from './data-source-error.ts';
import type { DynamoDbRequest } from './request-objects.ts';
import { sendShared, type TableContext } from './table-context.ts';

type Item = Record<string, AttributeValue>;

function tablesOf(request: DynamoDbRequest): Array<[string, unknown]> {
  if (request.tables === undefined || request.tables === null || typeof request.tables !== 'object') {
    throw new DataSourceError('DynamoDB:DynamoDbException', `${request.operation} needs tables.`);
  }
  return Object.entries(request.tables);
}

function listOf(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new DataSourceError('DynamoDB:DynamoDbException', `${what} must be a list.`);
  return value;
}

/** A stable signature of an item's key attributes, to match results back to requested keys. */
function keySignature(item: Item, keyNames: readonly string[]): string {
  return JSON.stringify(keyNames.map((name) => [name, item[name] ?? null]));
}

/** `BatchGetItem { tables: { name: { keys, consistentRead? } } }` → `{ data, unprocessedKeys }`. */
export async function batchGetItem(table: TableContext, request: DynamoDbRequest): Promise<unknown> {
  const requested = tablesOf(request).map(([name, spec]) => {
    const source = (spec ?? {}) as { keys?: unknown; consistentRead?: boolean };
    const keys = listOf(source.keys, `tables.${name}.keys`).map((key) => toAttributeMap(key));
    return { name, keys, consistentRead: source.consistentRead === true };
  });
  const command = new BatchGetItemCommand({
    RequestItems: Object.fromEntries(
      requested.map(({ name, keys, consistentRead }) => [name, { Keys: keys, ConsistentRead: consistentRead }]),
    ),
  });
  const output = await sendShared(table, () => table.client.send(command));
  const data: Record<string, unknown[]> = {};
  const unprocessedKeys: Record<string, unknown[]> = {};
  for (const { name, keys } of requested) {
    const found = output.Responses?.[name] ?? [];
    const keyNames = keys[0] === undefined ? [] : Object.keys(keys[0]).sort();
    const bySignature = new Map(found.map((item) => [keySignature(item, keyNames), item]));
    data[name] = keys.map((key) => {
      const item = bySignature.get(keySignature(key, keyNames));
      return item === undefined ? null : fromAttributeMap(item);
    });
    unprocessedKeys[name] = (output.UnprocessedKeys?.[name]?.Keys ?? []).map(fromAttributeMap);
  }
  return { data, unprocessedKeys };
}

async function batchWrite(
  table: TableContext,
  request: DynamoDbRequest,
  toWrite: (entry: Item) => WriteRequest,
  unprocessedOf: (write: WriteRequest) => Item | undefined,
  unprocessedName: 'unprocessedItems' | 'unprocessedKeys',
): Promise<unknown> {
  const requested = tablesOf(request).map(([name, entries]) => ({
    name,
    entries: listOf(entries, `tables.${name}`).map((entry) => toAttributeMap(entry)),
  }));
  const command = new BatchWriteItemCommand({
    RequestItems: Object.fromEntries(requested.map(({ name, entries }) => [name, entries.map(toWrite)])),
  });
  const output = await sendShared(table, () => table.client.send(command));
  const data: Record<string, unknown[]> = {};
  const unprocessed: Record<string, unknown[]> = {};
  for (const { name, entries } of requested) {
    data[name] = entries.map(fromAttributeMap);
    unprocessed[name] = (output.UnprocessedItems?.[name] ?? [])
      .map(unprocessedOf)
      .filter((entry): entry is Item => entry !== undefined)
      .map(fromAttributeMap);
  }
  return { data, [unprocessedName]: unprocessed };
}

/** `BatchPutItem { tables: { name: [items] } }` → `{ data, unprocessedItems }`. */
export function batchPutItem(table: TableContext, request: DynamoDbRequest): Promise<unknown> {
  return batchWrite(table, request, (Item) => ({ PutRequest: { Item } }), (write) => write.PutRequest?.Item, 'unprocessedItems');
}

/** `BatchDeleteItem { tables: { name: [keys] } }` → `{ data, unprocessedKeys }`. */
export function batchDeleteItem(table: TableContext, request: DynamoDbRequest): Promise<unknown> {
  return batchWrite(table, request, (Key) => ({ DeleteRequest: { Key } }), (write) => write.DeleteRequest?.Key, 'unprocessedKeys');
}
