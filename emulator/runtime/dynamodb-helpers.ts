import { renderFilter, type DynamoDBExpression } from './dynamodb-expression.ts';
import { buildUpdateExpression, operations } from './dynamodb-update.ts';
import { isPlainObject, toJsonValue } from './json-value.ts';
import { toMapValues, type AttributeValue } from './util-dynamodb.ts';

/**
 * The `@aws-appsync/utils/dynamodb` module: request builders for the DynamoDB data source.
 * Names and arguments are those of `@aws-appsync/utils/lib/dynamodb-helpers.d.ts`.
 *
 * Shapes observed on AppSync through EvaluateCode (snapshots "DynamoDB module functions *" in
 * localstack/appsync-utils `__tests__/__snapshots__/index.test.js.snap`):
 * `get({ key })` → `{ operation: 'GetItem', key }`; `put({ key, item })` →
 * `{ operation: 'PutItem', key, attributeValues }` (the key is not merged into
 * `attributeValues`); `remove` → `DeleteItem`; `scan({ limit, nextToken })` passes them through;
 * an argument that is absent or `null` is left out of the request. Conditions, filters and key
 * conditions use the same renderer as `util.transform` (see `dynamodb-expression.ts`), embedded
 * as an object rather than a JSON string, and without `expressionValues` when nothing is bound.
 *
 * One deliberate difference: where AppSync fails on a condition it cannot render (e.g. a raw
 * `{ expression: '...' }`, reported as an error in public AppSync code), this runtime throws a
 * clear `Error` instead of silently dropping the condition, because a dropped condition would
 * turn a conditional write into an unconditional one.
 */

type Payload = Record<string, unknown>;

function payloadOf(payload: unknown, helper: string): Payload {
  if (!isPlainObject(payload)) throw new Error(`ddb.${helper}: expected an object argument`);
  return payload;
}

function keyOf(key: unknown, helper: string): Record<string, AttributeValue> {
  const map = toMapValues(key);
  if (map === null) throw new Error(`ddb.${helper}: \`key\` must be an object such as { id: '1' }`);
  return map;
}

function itemOf(item: unknown, helper: string): Record<string, AttributeValue> {
  const map = toMapValues(item);
  if (map === null) throw new Error(`ddb.${helper}: the item must be an object of attributes`);
  return map;
}

/** A condition, filter or key condition as an embedded expression; `undefined` when absent. */
function expressionOf(filter: unknown, helper: string, field: string): Partial<DynamoDBExpression> | undefined {
  if (filter === undefined || filter === null) return undefined;
  const result = renderFilter(filter);
  if (!result.ok) {
    throw new Error(
      `ddb.${helper}: \`${field}\` cannot be rendered (${result.reason}); it takes a filter object such as ` +
        "{ id: { attributeExists: false } }, not a raw { expression } (set that on the returned request instead)",
    );
  }
  const { expression, expressionNames, expressionValues } = result.expression;
  const out: Partial<DynamoDBExpression> = { expression, expressionNames };
  if (Object.keys(expressionValues).length > 0) out.expressionValues = expressionValues;
  return out;
}

/**
 * A projection: every path segment gets a `#expName_N` alias (shared when a segment repeats),
 * list indexes stay outside the alias (`#expName_2[1]`) so that the expression stays valid.
 */
function projectionOf(projection: unknown, helper: string): { expression: string; expressionNames: Record<string, string> } | undefined {
  if (projection === undefined || projection === null) return undefined;
  if (!Array.isArray(projection)) throw new Error(`ddb.${helper}: \`projection\` must be a list of attribute paths`);
  if (projection.length === 0) return undefined;
  const aliases = new Map<string, string>();
  const alias = (segment: string): string => {
    let name = aliases.get(segment);
    if (name === undefined) {
      name = `#expName_${aliases.size + 1}`;
      aliases.set(segment, name);
    }
    return name;
  };
  const expression = projection
    .map((path) =>
      String(path)
        .split('.')
        .map((segment) => {
          const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(segment);
          if (match === null) throw new Error(`ddb.${helper}: invalid projection path ${JSON.stringify(path)}`);
          return alias(match[1] as string) + (match[2] as string);
        })
        .join('.'),
    )
    .join(', ');
  const expressionNames: Record<string, string> = {};
  for (const [segment, name] of aliases) expressionNames[name] = segment;
  return { expression, expressionNames };
}

/** Copies the optional fields that are present and not `null` (JSON-normalized). */
function withOptional<T extends Record<string, unknown>>(request: T, optional: Record<string, unknown>): T {
  for (const field of Object.keys(optional)) {
    const value = optional[field];
    if (value !== undefined && value !== null) (request as Record<string, unknown>)[field] = toJsonValue(value);
  }
  return request;
}

/**
 * `get({ key, consistentRead?, projection? })` → a GetItem request.
 *
 * @example
 * ```ts
 * get({ key: { id: '1' } }); // { operation: 'GetItem', key: { id: { S: '1' } } }
 * ```
 */
export function get(payload: unknown) {
  const input = payloadOf(payload, 'get');
  return withOptional(
    { operation: 'GetItem', key: keyOf(input['key'], 'get') },
    { consistentRead: input['consistentRead'], projection: projectionOf(input['projection'], 'get') },
  );
}

/**
 * `put({ key, item, condition?, ... })` → a PutItem request with `attributeValues`.
 *
 * @example
 * ```ts
 * put({ key: { id: 'abc' }, item: { value: 10 } });
 * // { operation: 'PutItem', key: { id: { S: 'abc' } }, attributeValues: { value: { N: 10 } } }
 * ```
 */
export function put(payload: unknown) {
  const input = payloadOf(payload, 'put');
  return withOptional(
    { operation: 'PutItem', key: keyOf(input['key'], 'put'), attributeValues: itemOf(input['item'] ?? {}, 'put') },
    {
      condition: expressionOf(input['condition'], 'put', 'condition'),
      customPartitionKey: input['customPartitionKey'],
      populateIndexFields: input['populateIndexFields'],
      _version: input['_version'],
    },
  );
}

/**
 * `remove({ key, condition?, ... })` → a DeleteItem request.
 *
 * @example
 * ```ts
 * remove({ key: { id: '1' }, condition: { id: { attributeExists: true } } });
 * ```
 */
export function remove(payload: unknown) {
  const input = payloadOf(payload, 'remove');
  return withOptional(
    { operation: 'DeleteItem', key: keyOf(input['key'], 'remove') },
    {
      condition: expressionOf(input['condition'], 'remove', 'condition'),
      customPartitionKey: input['customPartitionKey'],
      populateIndexFields: input['populateIndexFields'],
      _version: input['_version'],
    },
  );
}

/**
 * `update({ key, update, condition?, ... })` → an UpdateItem request (see `dynamodb-update.ts`).
 *
 * @example
 * ```ts
 * update({ key: { id: 'test' }, update: { age: operations.add(10) } });
 * // update: { expression: 'SET #expName_1 = :expValue_1', ... }
 * ```
 */
export function update(payload: unknown) {
  const input = payloadOf(payload, 'update');
  return withOptional(
    { operation: 'UpdateItem', key: keyOf(input['key'], 'update'), update: buildUpdateExpression(input['update']) },
    {
      condition: expressionOf(input['condition'], 'update', 'condition'),
      customPartitionKey: input['customPartitionKey'],
      populateIndexFields: input['populateIndexFields'],
      _version: input['_version'],
    },
  );
}

/**
 * `scan({ index?, limit?, filter?, nextToken?, ... })` → a Scan request.
 *
 * @example
 * ```ts
 * scan({ limit: 10, nextToken: 'abc' }); // { operation: 'Scan', limit: 10, nextToken: 'abc' }
 * ```
 */
export function scan(payload?: unknown) {
  const input = payloadOf(payload ?? {}, 'scan');
  return withOptional(
    { operation: 'Scan' },
    {
      index: input['index'],
      limit: input['limit'],
      nextToken: input['nextToken'],
      consistentRead: input['consistentRead'],
      select: input['select'],
      segment: input['segment'],
      totalSegments: input['totalSegments'],
      filter: expressionOf(input['filter'], 'scan', 'filter'),
      projection: projectionOf(input['projection'], 'scan'),
    },
  );
}

/**
 * `query({ query, index?, limit?, filter?, scanIndexForward?, ... })` → a Query request; the key
 * condition takes the operators `eq`, `lt`, `le`, `gt`, `ge`, `between`, `beginsWith`.
 *
 * @example
 * ```ts
 * query({ query: { pk: { eq: 'TICKET#1' }, sk: { beginsWith: 'COMMENT#' } } });
 * // query: { expression: '(#pk = :pk_eq) AND (begins_with(#sk,:sk_beginsWith))', ... }
 * ```
 */
export function query(payload: unknown) {
  const input = payloadOf(payload, 'query');
  const keyCondition = expressionOf(input['query'], 'query', 'query');
  if (keyCondition === undefined) throw new Error('ddb.query: `query` (the key condition) is required');
  return withOptional(
    { operation: 'Query', query: keyCondition },
    {
      index: input['index'],
      limit: input['limit'],
      nextToken: input['nextToken'],
      consistentRead: input['consistentRead'],
      scanIndexForward: input['scanIndexForward'],
      select: input['select'],
      filter: expressionOf(input['filter'], 'query', 'filter'),
      projection: projectionOf(input['projection'], 'query'),
    },
  );
}

/**
 * `sync({ limit?, nextToken?, lastSync?, filter?, ... })` → a Sync request (versioned data sources).
 *
 * @example
 * ```ts
 * sync({ limit: 10, lastSync: 1700000000000 });
 * ```
 */
export function sync(payload?: unknown) {
  const input = payloadOf(payload ?? {}, 'sync');
  return withOptional(
    { operation: 'Sync' },
    {
      basePartitionKey: input['basePartitionKey'],
      deltaIndexName: input['deltaIndexName'],
      limit: input['limit'],
      nextToken: input['nextToken'],
      lastSync: input['lastSync'],
      filter: expressionOf(input['filter'], 'sync', 'filter'),
    },
  );
}

function tablesOf(payload: unknown, helper: string): Record<string, unknown> {
  const tables = payloadOf(payload, helper)['tables'];
  if (!isPlainObject(tables)) throw new Error(`ddb.${helper}: \`tables\` must map table names to requests`);
  return tables;
}

function listOf(value: unknown, helper: string, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`ddb.${helper}: ${what} must be a list`);
  return value;
}

/**
 * `batchGet({ tables: { name: { keys, consistentRead?, projection? } } })` → a BatchGetItem request.
 *
 * @example
 * ```ts
 * batchGet({ tables: { posts: { keys: [{ id: '1' }, { id: '2' }] } } });
 * ```
 */
export function batchGet(payload: unknown) {
  const tables = tablesOf(payload, 'batchGet');
  const out: Record<string, unknown> = {};
  for (const table of Object.keys(tables)) {
    const request = payloadOf(tables[table], 'batchGet');
    out[table] = withOptional(
      { keys: listOf(request['keys'], 'batchGet', `tables.${table}.keys`).map((key) => keyOf(key, 'batchGet')) },
      { consistentRead: request['consistentRead'], projection: projectionOf(request['projection'], 'batchGet') },
    );
  }
  return { operation: 'BatchGetItem', tables: out };
}

/**
 * `batchPut({ tables: { name: [item, ...] } })` → a BatchPutItem request.
 *
 * @example
 * ```ts
 * batchPut({ tables: { posts: [{ id: 'one', value: 'x' }] } });
 * ```
 */
export function batchPut(payload: unknown) {
  const tables = tablesOf(payload, 'batchPut');
  const out: Record<string, unknown> = {};
  for (const table of Object.keys(tables)) {
    out[table] = listOf(tables[table], 'batchPut', `tables.${table}`).map((item) => itemOf(item, 'batchPut'));
  }
  return { operation: 'BatchPutItem', tables: out };
}

/**
 * `batchDelete({ tables: { name: [key, ...] } })` → a BatchDeleteItem request.
 *
 * @example
 * ```ts
 * batchDelete({ tables: { posts: [{ id: 'one' }] } });
 * ```
 */
export function batchDelete(payload: unknown) {
  const tables = tablesOf(payload, 'batchDelete');
  const out: Record<string, unknown> = {};
  for (const table of Object.keys(tables)) {
    out[table] = listOf(tables[table], 'batchDelete', `tables.${table}`).map((key) => keyOf(key, 'batchDelete'));
  }
  return { operation: 'BatchDeleteItem', tables: out };
}

/**
 * `transactGet({ items: [{ table, key, projection? }] })` → a TransactGetItems request.
 *
 * @example
 * ```ts
 * transactGet({ items: [{ table: 'posts', key: { id: '1' } }] });
 * ```
 */
export function transactGet(payload: unknown) {
  const items = listOf(payloadOf(payload, 'transactGet')['items'], 'transactGet', '`items`');
  return {
    operation: 'TransactGetItems',
    transactItems: items.map((entry) => {
      const item = payloadOf(entry, 'transactGet');
      return withOptional(
        { table: String(item['table']), key: keyOf(item['key'], 'transactGet') },
        { projection: projectionOf(item['projection'], 'transactGet') },
      );
    }),
  };
}

/**
 * `transactWrite({ items: [{ putItem | updateItem | deleteItem | conditionCheck: {...} }] })` →
 * a TransactWriteItems request.
 *
 * @example
 * ```ts
 * transactWrite({ items: [{ putItem: { table: 'posts', key: { id: '1' }, item: { title: 't' } } }] });
 * ```
 */
export function transactWrite(payload: unknown) {
  const items = listOf(payloadOf(payload, 'transactWrite')['items'], 'transactWrite', '`items`');
  return {
    operation: 'TransactWriteItems',
    transactItems: items.map((entry) => {
      const item = payloadOf(entry, 'transactWrite');
      if (item['putItem'] !== undefined) {
        const put = payloadOf(item['putItem'], 'transactWrite');
        return withOptional(
          {
            table: String(put['table']),
            operation: 'PutItem',
            key: keyOf(put['key'], 'transactWrite'),
            attributeValues: itemOf(put['item'] ?? {}, 'transactWrite'),
          },
          { condition: expressionOf(put['condition'], 'transactWrite', 'putItem.condition') },
        );
      }
      if (item['updateItem'] !== undefined) {
        const change = payloadOf(item['updateItem'], 'transactWrite');
        return withOptional(
          {
            table: String(change['table']),
            operation: 'UpdateItem',
            key: keyOf(change['key'], 'transactWrite'),
            update: buildUpdateExpression(change['update']),
          },
          { condition: expressionOf(change['condition'], 'transactWrite', 'updateItem.condition') },
        );
      }
      if (item['deleteItem'] !== undefined) {
        const removal = payloadOf(item['deleteItem'], 'transactWrite');
        return withOptional(
          { table: String(removal['table']), operation: 'DeleteItem', key: keyOf(removal['key'], 'transactWrite') },
          { condition: expressionOf(removal['condition'], 'transactWrite', 'deleteItem.condition') },
        );
      }
      if (item['conditionCheck'] !== undefined) {
        const check = payloadOf(item['conditionCheck'], 'transactWrite');
        return withOptional(
          { table: String(check['table']), operation: 'ConditionCheck', key: keyOf(check['key'], 'transactWrite') },
          { condition: expressionOf(check['condition'], 'transactWrite', 'conditionCheck.condition') },
        );
      }
      throw new Error('ddb.transactWrite: each item needs one of putItem, updateItem, deleteItem, conditionCheck');
    }),
  };
}

/**
 * Set helpers of the module; unlike their `util.dynamodb` namesakes they take no `null`.
 *
 * @example
 * ```ts
 * toStringSet(['a', 'b']); // { SS: ['a', 'b'] }
 * ```
 */
export function toStringSet(list: unknown) {
  return { SS: listOf(list, 'toStringSet', 'the argument') };
}

/**
 * A number set; numbers stay numbers, as `util.dynamodb.toNumberSet` does.
 *
 * @example
 * ```ts
 * toNumberSet([1, 2]); // { NS: [1, 2] }
 * ```
 */
export function toNumberSet(numbers: unknown) {
  return { NS: listOf(numbers, 'toNumberSet', 'the argument') };
}

/**
 * A binary set of Base64 strings.
 *
 * @example
 * ```ts
 * toBinarySet(['SGVsbG8=']); // { BS: ['SGVsbG8='] }
 * ```
 */
export function toBinarySet(values: unknown) {
  return { BS: listOf(values, 'toBinarySet', 'the argument') };
}

/**
 * Every export of `@aws-appsync/utils/dynamodb`, as the sandbox links it.
 *
 * @example
 * ```ts
 * dynamodbModule.get({ key: { id: '1' } }); // { operation: 'GetItem', key: { id: { S: '1' } } }
 * ```
 */
export const dynamodbModule = {
  get,
  put,
  remove,
  update,
  scan,
  query,
  sync,
  batchGet,
  batchPut,
  batchDelete,
  transactGet,
  transactWrite,
  operations,
  toStringSet,
  toNumberSet,
  toBinarySet,
};
