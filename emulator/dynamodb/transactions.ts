/**
 * TransactWriteItems and TransactGetItems. dynalite implements neither, so they are emulated
 * here, atomically *within this process*: the data source's lock is held alone for the whole
 * transaction, so no other request of the emulator reads or writes in between.
 *
 * Writes happen in two passes. First every condition is checked against the current items
 * (without changing them: an existing item is rewritten as it is, under the condition; an absent
 * one is "deleted" under the condition), collecting DynamoDB's `cancellationReasons`. Only when
 * all hold are the writes applied; should one of them still fail (e.g. an invalid update
 * expression), the ones already applied are restored from the images read before. Another
 * process writing to the same DynamoDB endpoint (`DYNAMODB_ENDPOINT`) is not covered.
 */
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { fromAttributeMap, toAttributeMap } from './attribute-values.ts';
import { DataSourceError } from './data-source-error.ts';
import { addExpression, emptyParts, placeholderParams } from './expressions.ts';
import type { DynamoDbRequest, ExpressionObject, ProjectionObject } from './request-objects.ts';
import { toDataSourceError } from './sdk-errors.ts';
import type { TableContext } from './table-context.ts';

type Item = Record<string, AttributeValue>;

interface WriteEntry {
  table: string;
  operation: 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheck';
  key: Item;
  attributeValues: Item;
  update: ExpressionObject | undefined;
  condition: ExpressionObject | undefined;
}

/** One entry of DynamoDB's `CancellationReasons`, as AppSync passes it on. */
export interface CancellationReason {
  type: string;
  message: string | null;
}

const MAX_ITEMS = 100;
const OPERATIONS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheck']);

function fail(message: string): DataSourceError {
  return new DataSourceError('DynamoDB:DynamoDbException', message);
}

function entriesOf(request: DynamoDbRequest): unknown[] {
  const items = request.transactItems;
  if (!Array.isArray(items) || items.length === 0) throw fail(`${request.operation} needs transactItems.`);
  if (items.length > MAX_ITEMS) throw fail(`Member must have length less than or equal to ${MAX_ITEMS}.`);
  return items;
}

function assertDistinct(entries: ReadonlyArray<{ table: string; key: Item }>): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    const signature = JSON.stringify([entry.table, Object.keys(entry.key).sort().map((name) => [name, entry.key[name]])]);
    if (seen.has(signature)) throw fail('Transaction request cannot include multiple operations on one item');
    seen.add(signature);
  }
}

function parseWrite(raw: unknown, tableName: string): WriteEntry {
  const source = (raw ?? {}) as Record<string, unknown>;
  const operation = source.operation;
  if (typeof operation !== 'string' || !OPERATIONS.has(operation)) {
    throw fail(`Unknown transaction operation ${JSON.stringify(operation)}.`);
  }
  if (source.key === undefined) throw fail(`${operation} in a transaction needs a key.`);
  return {
    table: typeof source.table === 'string' ? source.table : tableName,
    operation: operation as WriteEntry['operation'],
    key: toAttributeMap(source.key),
    attributeValues: toAttributeMap(source.attributeValues ?? {}),
    update: source.update as ExpressionObject | undefined,
    condition: (source.condition ?? undefined) as ExpressionObject | undefined,
  };
}

async function readImage(table: TableContext, entry: { table: string; key: Item }): Promise<Item | undefined> {
  const output = await table.client.send(new GetItemCommand({ TableName: entry.table, Key: entry.key, ConsistentRead: true }));
  return output.Item;
}

/** Evaluates the entry's condition against the current item without changing it. */
async function checkCondition(table: TableContext, entry: WriteEntry, image: Item | undefined): Promise<CancellationReason> {
  if (entry.condition === undefined) return { type: 'None', message: null };
  const parts = emptyParts();
  const ConditionExpression = addExpression(parts, entry.condition, 'condition') as string;
  try {
    if (image === undefined) {
      await table.client.send(new DeleteItemCommand({ TableName: entry.table, Key: entry.key, ConditionExpression, ...placeholderParams(parts) }));
    } else {
      await table.client.send(new PutItemCommand({ TableName: entry.table, Item: image, ConditionExpression, ...placeholderParams(parts) }));
    }
    return { type: 'None', message: null };
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'ConditionalCheckFailedException') return { type: 'ConditionalCheckFailed', message: 'The conditional request failed' };
    return { type: 'ValidationError', message: (error as Error).message };
  }
}

async function applyWrite(table: TableContext, entry: WriteEntry): Promise<void> {
  if (entry.operation === 'ConditionCheck') return;
  if (entry.operation === 'PutItem') {
    await table.client.send(new PutItemCommand({ TableName: entry.table, Item: { ...entry.attributeValues, ...entry.key } }));
    return;
  }
  if (entry.operation === 'DeleteItem') {
    await table.client.send(new DeleteItemCommand({ TableName: entry.table, Key: entry.key }));
    return;
  }
  const parts = emptyParts();
  const UpdateExpression = addExpression(parts, entry.update, 'update');
  if (UpdateExpression === undefined) throw fail('UpdateItem in a transaction needs an update expression.');
  await table.client.send(new UpdateItemCommand({ TableName: entry.table, Key: entry.key, UpdateExpression, ...placeholderParams(parts) }));
}

async function restore(table: TableContext, entry: WriteEntry, image: Item | undefined): Promise<void> {
  if (entry.operation === 'ConditionCheck') return;
  if (image === undefined) await table.client.send(new DeleteItemCommand({ TableName: entry.table, Key: entry.key }));
  else await table.client.send(new PutItemCommand({ TableName: entry.table, Item: image }));
}

function cancelled(reasons: CancellationReason[]): DataSourceError {
  const summary = reasons.map((reason) => reason.type).join(', ');
  return new DataSourceError(
    'DynamoDB:TransactionCanceledException',
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${summary}] (Service: DynamoDb, Status Code: 400, Request ID: local)`,
    { keys: null, cancellationReasons: reasons },
  );
}

/**
 * `TransactWriteItems { transactItems: [{ table, operation, key, attributeValues?, update?, condition? }] }`
 * → `{ keys, cancellationReasons: null }`; a failed condition cancels all of it with
 * `DynamoDB:TransactionCanceledException` and `cancellationReasons` in `ctx.result`.
 */
export async function transactWriteItems(table: TableContext, request: DynamoDbRequest): Promise<unknown> {
  const entries = entriesOf(request).map((raw) => parseWrite(raw, table.tableName));
  assertDistinct(entries);
  return table.lock.exclusive(async () => {
    try {
      const images = await Promise.all(entries.map((entry) => readImage(table, entry)));
      const reasons: CancellationReason[] = [];
      for (const [index, entry] of entries.entries()) reasons.push(await checkCondition(table, entry, images[index]));
      if (reasons.some((reason) => reason.type !== 'None')) throw cancelled(reasons);
      const applied: number[] = [];
      for (const [index, entry] of entries.entries()) {
        try {
          await applyWrite(table, entry);
          applied.push(index);
        } catch (error) {
          for (const done of applied.reverse()) await restore(table, entries[done] as WriteEntry, images[done]);
          throw cancelled(entries.map((_, at) => (at === index
            ? { type: 'ValidationError', message: (error as Error).message }
            : { type: 'None', message: null })));
        }
      }
      return { keys: entries.map((entry) => fromAttributeMap(entry.key)), cancellationReasons: null };
    } catch (error) {
      throw toDataSourceError(error);
    }
  });
}

/**
 * `TransactGetItems { transactItems: [{ table, key, projection? }] }` → `{ items, cancellationReasons: null }`,
 * read while no write of this process can interleave.
 */
export async function transactGetItems(table: TableContext, request: DynamoDbRequest): Promise<unknown> {
  const entries = entriesOf(request).map((raw) => {
    const source = (raw ?? {}) as { table?: unknown; key?: unknown; projection?: ProjectionObject };
    if (source.key === undefined) throw fail('TransactGetItems entries need a key.');
    return { table: typeof source.table === 'string' ? source.table : table.tableName, key: toAttributeMap(source.key), projection: source.projection };
  });
  assertDistinct(entries);
  return table.lock.exclusive(async () => {
    try {
      const items = await Promise.all(entries.map(async (entry) => {
        const parts = emptyParts();
        const ProjectionExpression = addExpression(parts, entry.projection, 'projection');
        const output = await table.client.send(new GetItemCommand({
          TableName: entry.table,
          Key: entry.key,
          ConsistentRead: true,
          ...(ProjectionExpression === undefined ? {} : { ProjectionExpression }),
          ...(Object.keys(parts.names).length > 0 ? { ExpressionAttributeNames: parts.names } : {}),
        }));
        return output.Item === undefined ? null : fromAttributeMap(output.Item);
      }));
      return { items, cancellationReasons: null };
    } catch (error) {
      throw toDataSourceError(error);
    }
  });
}
