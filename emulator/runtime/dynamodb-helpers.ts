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
import { batchDelete, batchGet, batchPut, transactGet, transactWrite } from './dynamodb-batch.ts';
import { expressionOf, itemOf, keyOf, listOf, payloadOf, projectionOf, withOptional } from './dynamodb-request-parts.ts';
import { buildUpdateExpression, operations } from './dynamodb-update.ts';

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
