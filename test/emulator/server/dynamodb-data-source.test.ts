/**
 * The `TABLE` data source against dynalite: AppSync's request objects in, what AppSync puts in
 * `ctx.result` / `ctx.error` out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDynamoDb, type DynamoDbEndpoint } from '../../../emulator/dynamodb/dynamodb-endpoint.ts';
import { createDynamoDbDataSource, type DataSource } from '../../../emulator/dynamodb/dynamodb-data-source.ts';
import { DataSourceError } from '../../../emulator/dynamodb/data-source-error.ts';
import { loadPaginationKey } from '../../../emulator/dynamodb/pagination-key.ts';
import { createReadWriteLock } from '../../../emulator/dynamodb/read-write-lock.ts';
import { ensureTable } from '../../../emulator/dynamodb/table-setup.ts';

const TABLE = 'datasource-test';

function key(pk: string, sk = 'ITEM') {
  return { pk: { S: pk }, sk: { S: sk } };
}

async function failure(promise: Promise<unknown>): Promise<DataSourceError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof DataSourceError)) throw new Error(`expected a DataSourceError, got ${String(error)}`);
  return error;
}

describe('Emulator: DynamoDB data source', () => {
  let dynamo: DynamoDbEndpoint;
  let table: DataSource;

  beforeAll(async () => {
    dynamo = await openDynamoDb({ kind: 'dynalite', path: null });
    await ensureTable(dynamo.client, TABLE);
    table = createDynamoDbDataSource({ client: dynamo.client, tableName: TABLE, lock: createReadWriteLock(), paginationKey: loadPaginationKey(null) });
  });

  afterAll(async () => {
    await dynamo?.close();
  });

  it('puts an item with JSON-number N values and reads it back as plain JSON', async () => {
    // Act
    const put = await table.invoke({
      operation: 'PutItem',
      key: key('P#1'),
      attributeValues: { count: { N: 12345 }, price: { N: '1.5' }, tags: { SS: ['a', 'b'] }, nested: { M: { ok: { BOOL: true }, none: { NULL: null } } }, list: { L: [{ N: 1 }, { S: 'x' }] } },
    });
    const got = await table.invoke({ operation: 'GetItem', key: key('P#1'), consistentRead: true });

    // Assess
    const expected = { pk: 'P#1', sk: 'ITEM', count: 12345, price: 1.5, tags: ['a', 'b'], nested: { ok: true, none: null }, list: [1, 'x'] };
    expect(put).toEqual(expected);
    expect(got).toEqual(expected);
  });

  it('gives null for a missing item', async () => {
    // Act
    const got = await table.invoke({ operation: 'GetItem', key: key('P#missing') });

    // Assess
    expect(got).toBeNull();
  });

  it('reports a failed condition as DynamoDB:ConditionalCheckFailedException with AppSync\'s message', async () => {
    // Prepare
    await table.invoke({ operation: 'PutItem', key: key('P#2'), attributeValues: { v: { N: 1 } } });

    // Act
    const error = await failure(table.invoke({
      operation: 'PutItem',
      key: key('P#2'),
      attributeValues: { v: { N: 2 } },
      condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' } },
    }));

    // Assess
    expect(error.errorType).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(error.message).toMatch(/^The conditional request failed \(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
    expect(await table.invoke({ operation: 'GetItem', key: key('P#2') })).toMatchObject({ v: 1 });
  });

  it('updates with expression names and values and a condition, returning the new item', async () => {
    // Prepare
    await table.invoke({ operation: 'PutItem', key: key('P#3'), attributeValues: { status: { S: 'OPEN' }, n: { N: 1 } } });

    // Act
    const updated = await table.invoke({
      operation: 'UpdateItem',
      key: key('P#3'),
      update: { expression: 'SET #status = :status ADD #n :one', expressionNames: { '#status': 'status', '#n': 'n' }, expressionValues: { ':status': { S: 'CLOSED' }, ':one': { N: 1 } } },
      condition: { expression: 'attribute_exists(#pk)', expressionNames: { '#pk': 'pk' } },
    });
    const missing = await failure(table.invoke({
      operation: 'UpdateItem',
      key: key('P#nope'),
      update: { expression: 'SET #s = :s', expressionNames: { '#s': 'status' }, expressionValues: { ':s': { S: 'X' } } },
      condition: { expression: 'attribute_exists(#pk)', expressionNames: { '#pk': 'pk' } },
    }));

    // Assess
    expect(updated).toEqual({ pk: 'P#3', sk: 'ITEM', status: 'CLOSED', n: 2 });
    expect(missing.errorType).toBe('DynamoDB:ConditionalCheckFailedException');
  });

  it('deletes and returns the old item', async () => {
    // Prepare
    await table.invoke({ operation: 'PutItem', key: key('P#4'), attributeValues: { v: { S: 'old' } } });

    // Act
    const deleted = await table.invoke({ operation: 'DeleteItem', key: key('P#4') });
    const again = await table.invoke({ operation: 'DeleteItem', key: key('P#4') });

    // Assess
    expect(deleted).toEqual({ pk: 'P#4', sk: 'ITEM', v: 'old' });
    expect(again).toBeNull();
  });

  it('queries page by page with an opaque nextToken, a filter and scannedCount', async () => {
    // Prepare
    for (let index = 0; index < 7; index += 1) {
      await table.invoke({ operation: 'PutItem', key: key('Q#1', `S#${index}`), attributeValues: { odd: { BOOL: index % 2 === 1 } } });
    }
    const request = {
      operation: 'Query',
      query: { expression: '#pk = :pk AND begins_with(#sk, :prefix)', expressionNames: { '#pk': 'pk', '#sk': 'sk' }, expressionValues: { ':pk': { S: 'Q#1' }, ':prefix': { S: 'S#' } } },
      limit: 3,
      scanIndexForward: false,
    };

    // Act
    const first = (await table.invoke(request)) as { items: Array<{ sk: string }>; nextToken: string | null; scannedCount: number };
    const second = (await table.invoke({ ...request, nextToken: first.nextToken })) as typeof first;
    const filtered = (await table.invoke({ ...request, limit: 10, filter: { expression: '#odd = :yes', expressionNames: { '#odd': 'odd' }, expressionValues: { ':yes': { BOOL: true } } } })) as typeof first;
    const bad = await failure(table.invoke({ ...request, nextToken: 'not-a-token' }));

    // Assess
    expect(first.items.map((item) => item.sk)).toEqual(['S#6', 'S#5', 'S#4']);
    expect(typeof first.nextToken).toBe('string');
    expect(first.nextToken).not.toContain('Q#1');
    expect(first.scannedCount).toBe(3);
    expect(second.items.map((item) => item.sk)).toEqual(['S#3', 'S#2', 'S#1']);
    expect(filtered.items.map((item) => item.sk)).toEqual(['S#5', 'S#3', 'S#1']);
    expect(filtered.scannedCount).toBe(7);
    expect(filtered.nextToken).toBeNull();
    expect(bad.errorType).toBe('DynamoDB:DynamoDbException');
  });

  it('refuses a nextToken that was altered, forged, or sealed by another data directory', async () => {
    // Prepare
    for (let index = 0; index < 4; index += 1) {
      await table.invoke({ operation: 'PutItem', key: key('T#1', `S#${index}`), attributeValues: {} });
    }
    const request = { operation: 'Query', query: { expression: '#pk = :pk', expressionNames: { '#pk': 'pk' }, expressionValues: { ':pk': { S: 'T#1' } } }, limit: 2 };
    const { nextToken } = (await table.invoke(request)) as { nextToken: string };
    const bytes = Buffer.from(nextToken, 'base64url');
    bytes[20] = (bytes[20] as number) ^ 1;
    const altered = bytes.toString('base64url');
    const forged = Buffer.from(JSON.stringify({ pk: { S: 'T#1' }, sk: { S: 'S#0' } })).toString('base64url');
    const elsewhere = createDynamoDbDataSource({ client: dynamo.client, tableName: TABLE, lock: createReadWriteLock(), paginationKey: loadPaginationKey(null) });

    // Act
    const refusals = await Promise.all([
      failure(table.invoke({ ...request, nextToken: altered })),
      failure(table.invoke({ ...request, nextToken: forged })),
      failure(elsewhere.invoke({ ...request, nextToken })),
    ]);
    const genuine = (await table.invoke({ ...request, nextToken })) as { items: Array<{ sk: string }> };

    // Assess
    expect(refusals.map((refusal) => [refusal.errorType, refusal.message])).toEqual(
      Array(3).fill(['DynamoDB:DynamoDbException', 'Invalid pagination token given.']),
    );
    expect(genuine.items.map((item) => item.sk)).toEqual(['S#2', 'S#3']);
  });

  it('scans with a limit and nextToken', async () => {
    // Act
    const page = (await table.invoke({ operation: 'Scan', limit: 2 })) as { items: unknown[]; nextToken: string | null; scannedCount: number };

    // Assess
    expect(page.items).toHaveLength(2);
    expect(page.scannedCount).toBe(2);
    expect(page.nextToken).not.toBeNull();
  });

  it('batch-puts, batch-gets in key order with null for missing keys, and batch-deletes', async () => {
    // Act
    const put = await table.invoke({ operation: 'BatchPutItem', tables: { [TABLE]: [{ ...key('B#1'), v: { N: 1 } }, { ...key('B#2'), v: { N: 2 } }] } });
    const got = await table.invoke({ operation: 'BatchGetItem', tables: { [TABLE]: { keys: [key('B#2'), key('B#missing'), key('B#1')], consistentRead: true } } });
    const deleted = await table.invoke({ operation: 'BatchDeleteItem', tables: { [TABLE]: [key('B#1'), key('B#2')] } });
    const after = await table.invoke({ operation: 'BatchGetItem', tables: { [TABLE]: { keys: [key('B#1'), key('B#2')] } } });

    // Assess
    expect(put).toEqual({ data: { [TABLE]: [{ pk: 'B#1', sk: 'ITEM', v: 1 }, { pk: 'B#2', sk: 'ITEM', v: 2 }] }, unprocessedItems: { [TABLE]: [] } });
    expect(got).toEqual({ data: { [TABLE]: [{ pk: 'B#2', sk: 'ITEM', v: 2 }, null, { pk: 'B#1', sk: 'ITEM', v: 1 }] }, unprocessedKeys: { [TABLE]: [] } });
    expect(deleted).toEqual({ data: { [TABLE]: [{ pk: 'B#1', sk: 'ITEM' }, { pk: 'B#2', sk: 'ITEM' }] }, unprocessedKeys: { [TABLE]: [] } });
    expect(after).toEqual({ data: { [TABLE]: [null, null] }, unprocessedKeys: { [TABLE]: [] } });
  });

  it('writes a transaction atomically, and writes nothing of one whose condition fails', async () => {
    // Prepare
    await table.invoke({ operation: 'PutItem', key: key('T#existing'), attributeValues: { v: { N: 1 } } });
    await table.invoke({ operation: 'PutItem', key: key('T#guard'), attributeValues: {} });

    // Act
    const done = await table.invoke({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: TABLE, operation: 'PutItem', key: key('T#a'), attributeValues: { v: { N: 1 } }, condition: { expression: 'attribute_not_exists(pk)' } },
        { table: TABLE, operation: 'UpdateItem', key: key('T#existing'), update: { expression: 'SET v = :v', expressionValues: { ':v': { N: 2 } } } },
        { table: TABLE, operation: 'ConditionCheck', key: key('T#guard'), condition: { expression: 'attribute_exists(pk)' } },
      ],
    });
    const cancelled = await failure(table.invoke({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: TABLE, operation: 'PutItem', key: key('T#b'), attributeValues: { v: { N: 1 } } },
        { table: TABLE, operation: 'DeleteItem', key: key('T#existing') },
        { table: TABLE, operation: 'PutItem', key: key('T#a'), attributeValues: { v: { N: 9 } }, condition: { expression: 'attribute_not_exists(pk)' } },
      ],
    }));
    const read = await table.invoke({ operation: 'TransactGetItems', transactItems: [{ table: TABLE, key: key('T#a') }, { table: TABLE, key: key('T#b') }, { table: TABLE, key: key('T#existing') }] });

    // Assess
    expect(done).toEqual({ keys: [{ pk: 'T#a', sk: 'ITEM' }, { pk: 'T#existing', sk: 'ITEM' }, { pk: 'T#guard', sk: 'ITEM' }], cancellationReasons: null });
    expect(cancelled.errorType).toBe('DynamoDB:TransactionCanceledException');
    expect(cancelled.result).toEqual({
      keys: null,
      cancellationReasons: [{ type: 'None', message: null }, { type: 'None', message: null }, { type: 'ConditionalCheckFailed', message: 'The conditional request failed' }],
    });
    expect(read).toEqual({
      items: [{ pk: 'T#a', sk: 'ITEM', v: 1 }, null, { pk: 'T#existing', sk: 'ITEM', v: 2 }],
      cancellationReasons: null,
    });
  });

  it('refuses a transaction with two operations on one item', async () => {
    // Act
    const error = await failure(table.invoke({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: TABLE, operation: 'PutItem', key: key('T#twice'), attributeValues: {} },
        { table: TABLE, operation: 'DeleteItem', key: key('T#twice') },
      ],
    }));

    // Assess
    expect(error.message).toContain('multiple operations on one item');
  });

  it('refuses unknown operations and malformed typed values as data source errors', async () => {
    // Act
    const unknown = await failure(table.invoke({ operation: 'DropTable' }));
    const malformed = await failure(table.invoke({ operation: 'GetItem', key: { pk: { X: 'y' } } }));
    const notObject = await failure(table.invoke('GetItem'));

    // Assess
    expect(unknown.errorType).toBe('DynamoDB:DynamoDbException');
    expect(malformed.errorType).toBe('DynamoDB:DynamoDbException');
    expect(notObject.errorType).toBe('DynamoDB:DynamoDbException');
  });
});
