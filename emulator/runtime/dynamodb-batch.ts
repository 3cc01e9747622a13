/**
 * The multi-item builders of `@aws-appsync/utils/dynamodb`: `batchGet`, `batchPut`,
 * `batchDelete`, `transactGet`, `transactWrite`. Shapes follow the typings
 * (`resolver-return-types.d.ts`) and the developer guide's BatchGetItem/BatchPutItem/
 * BatchDeleteItem/TransactGetItems/TransactWriteItems pages; keys, items and conditions are
 * converted exactly as the single-item builders convert them.
 */
import { buildUpdateExpression } from './dynamodb-update.ts';
import { expressionOf, itemOf, keyOf, listOf, payloadOf, projectionOf, tablesOf, withOptional } from './dynamodb-request-parts.ts';

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
