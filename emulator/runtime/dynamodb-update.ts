/**
 * The `operations.*` of `@aws-appsync/utils/dynamodb` and the update expression `update()`
 * builds from them.
 *
 * Observed on AppSync (EvaluateCode), not guessed:
 * - the operation objects are `{ type: 'OPERATION_ADD', value }`, `{ type: 'OPERATION_APPEND',
 *   items }`, `{ type: 'OPERATION_INCREMENT', by }` ... (the typings' `_type` is not what the
 *   runtime returns): snapshots "DynamoDB operations *" in localstack/appsync-utils
 *   `__tests__/__snapshots__/index.test.js.snap`;
 * - placeholders are `#expName_N` / `:expValue_N` counted from 1, `operations.add` is a `SET`
 *   (`SET #expName_1 = :expValue_1`), `append` is `SET #n = list_append(#n, :v)`: same snapshots;
 * - a plain value is a `SET`, `null` included (`{ NULL: null }`, not a `REMOVE`): an EvaluateCode
 *   test of `update()` in a public AppSync course repository ("editMyProfile" request test);
 * - `decrement(1)` is `SET #expName_1 = #expName_1 - :expValue_1`: a published EvaluateCode output
 *   (blog post "AWS AppSync DynamoDB Resolver update Add", 2024-01-24), which also notes that
 *   increment/decrement are `SET` arithmetic and so need the attribute to exist.
 * Inferred from those (same counter scheme), not recorded: `prepend` (`list_append(:v, #n)`),
 * `remove` (one trailing `REMOVE` clause, names numbered after the `SET` clauses),
 * `updateListItem` (`#n[index] = :v`), and a plain nested object updating only the keys it holds
 * (`#expName_1.#expName_2 = :expValue_1`), which is what the typings' description of `replace`
 * ("update entire object ... and not just the keys in the payload") implies.
 */
import { createExpressionNames } from './expression-names.ts';
import { isPlainObject, toJsonValue, type JsonValue } from './json-value.ts';
import { toDynamoDB, type AttributeValue } from './util-dynamodb.ts';

const OPERATION = {
  add: 'OPERATION_ADD',
  append: 'OPERATION_APPEND',
  decrement: 'OPERATION_DECREMENT',
  increment: 'OPERATION_INCREMENT',
  prepend: 'OPERATION_PREPEND',
  remove: 'OPERATION_REMOVE',
  replace: 'OPERATION_REPLACE',
  updateListItem: 'OPERATION_UPDATE_LIST_ITEM',
} as const;

/**
 * The `operations` export: each helper returns a tagged object that `update()` recognizes.
 *
 * @example
 * ```ts
 * update({ key: { id }, update: { views: operations.increment(), tags: operations.append(['new']) } });
 * ```
 */
export const operations = {
  add: (value: unknown) => ({ type: OPERATION.add, value }),
  append: (items: unknown) => ({ type: OPERATION.append, items }),
  decrement: (by?: unknown) => ({ type: OPERATION.decrement, by }),
  increment: (by?: unknown) => ({ type: OPERATION.increment, by }),
  prepend: (items: unknown) => ({ type: OPERATION.prepend, items }),
  remove: () => ({ type: OPERATION.remove }),
  replace: (value: unknown) => ({ type: OPERATION.replace, value }),
  updateListItem: (value: unknown, index: number) => ({ type: OPERATION.updateListItem, value, index }),
};

type Operation = { type: string; [field: string]: JsonValue };

const KNOWN_TYPES: readonly string[] = Object.values(OPERATION);

function isOperation(value: JsonValue): value is Operation {
  return isPlainObject(value) && typeof value['type'] === 'string' && (value['type'] as string).startsWith('OPERATION_');
}

/** The rendered `update` section of an UpdateItem request. */
export interface UpdateExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

/** One `SET` clause before placeholders are assigned: the path, and how to render it. */
interface SetClause {
  path: string[];
  render: (name: string, value: (operand: JsonValue) => string) => string;
}

function validIndex(index: JsonValue, helper: string): number {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
    throw new Error(`${helper}: the list index must be a non-negative integer`);
  }
  return index;
}

/**
 * Renders the update object of `update()` / `transactWrite`'s `updateItem`.
 *
 * @example
 * ```ts
 * buildUpdateExpression({ age: operations.add(10) });
 * // { expression: 'SET #expName_1 = :expValue_1', expressionNames: { '#expName_1': 'age' },
 * //   expressionValues: { ':expValue_1': { N: 10 } } }
 * ```
 */
export function buildUpdateExpression(update: unknown): UpdateExpression {
  const json = toJsonValue(update);
  if (!isPlainObject(json)) throw new Error('ddb.update: `update` must be an object of attribute updates');
  const sets: SetClause[] = [];
  const removes: string[][] = [];

  const visit = (object: Record<string, JsonValue>, prefix: string[]): void => {
    for (const field of Object.keys(object)) {
      const value = object[field] as JsonValue;
      const path = [...prefix, field];
      if (Array.isArray(value) && value.length > 0 && value.every((item) => isOperation(item) && item.type === OPERATION.updateListItem)) {
        for (const item of value as Operation[]) {
          const index = validIndex(item['index'] as JsonValue, 'operations.updateListItem');
          sets.push({ path, render: (name, bind) => `${name}[${index}] = ${bind(item['value'] ?? null)}` });
        }
      } else if (isOperation(value)) {
        visitOperation(value, path);
      } else if (isPlainObject(value) && Object.keys(value).length > 0) {
        visit(value, path);
      } else {
        sets.push({ path, render: (name, bind) => `${name} = ${bind(value)}` });
      }
    }
  };

  const visitOperation = (operation: Operation, path: string[]): void => {
    const step = (by: JsonValue | undefined): JsonValue => (by === undefined || by === null ? 1 : by);
    switch (operation.type) {
      case OPERATION.add:
      case OPERATION.replace:
        sets.push({ path, render: (name, bind) => `${name} = ${bind(operation['value'] ?? null)}` });
        return;
      case OPERATION.append:
        sets.push({ path, render: (name, bind) => `${name} = list_append(${name}, ${bind(operation['items'] ?? null)})` });
        return;
      case OPERATION.prepend:
        sets.push({ path, render: (name, bind) => `${name} = list_append(${bind(operation['items'] ?? null)}, ${name})` });
        return;
      case OPERATION.increment:
        sets.push({ path, render: (name, bind) => `${name} = ${name} + ${bind(step(operation['by']))}` });
        return;
      case OPERATION.decrement:
        sets.push({ path, render: (name, bind) => `${name} = ${name} - ${bind(step(operation['by']))}` });
        return;
      case OPERATION.remove:
        removes.push(path);
        return;
      case OPERATION.updateListItem: {
        const index = validIndex(operation['index'] as JsonValue, 'operations.updateListItem');
        sets.push({ path, render: (name, bind) => `${name}[${index}] = ${bind(operation['value'] ?? null)}` });
        return;
      }
      default:
        throw new Error(`ddb.update: unknown operation ${JSON.stringify(operation.type)}; expected one of ${KNOWN_TYPES.join(', ')}`);
    }
  };

  visit(json, []);

  // One alias per distinct attribute name, numbered in the order the clauses come out.
  const names = createExpressionNames();
  const pathName = (path: string[]): string => path.map((segment) => names.alias(segment)).join('.');
  const expressionValues: Record<string, AttributeValue> = {};
  let valueCount = 0;
  const bind = (operand: JsonValue): string => {
    valueCount += 1;
    const placeholder = `:expValue_${valueCount}`;
    expressionValues[placeholder] = toDynamoDB(operand);
    return placeholder;
  };

  const clauses: string[] = [];
  if (sets.length > 0) clauses.push(`SET ${sets.map((clause) => clause.render(pathName(clause.path), bind)).join(', ')}`);
  if (removes.length > 0) clauses.push(`REMOVE ${removes.map(pathName).join(', ')}`);
  return { expression: clauses.join(' '), expressionNames: names.toExpressionNames(), expressionValues };
}
