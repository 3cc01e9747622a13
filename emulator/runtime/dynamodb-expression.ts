/**
 * Turns a filter object (`{ title: { beginsWith: 'a' }, or: [...] }`) into a DynamoDB
 * expression, byte for byte as AppSync renders it. Shared by
 * `util.transform.toDynamoDBFilterExpression` / `toDynamoDBConditionExpression` (which answer
 * it as a JSON string) and by the `@aws-appsync/utils/dynamodb` helpers (which embed it).
 *
 * Every rule below was observed on AppSync through `EvaluateCode`; the recordings are the
 * snapshots of localstack/appsync-utils `__tests__/__snapshots__/transform.test.js.snap`:
 * - every operator renders as a parenthesized leaf: `(#v = :v_eq)`, `(begins_with(#v,:v_beginsWith))`
 *   (no space after the comma), `(#v BETWEEN :v_between_start AND :v_between_end)`,
 *   `(#v IN (:v_in_0, :v_in_1))` (the one comma followed by a space), `(attribute_exists(#v))`;
 * - a value placeholder is named after its nesting, field and operator: `:or_0_and_1_b_eq`;
 *   an attribute placeholder is `#` plus the field name, used verbatim (dots included);
 * - top-level members are joined with ` AND ` unwrapped; every group below (several operators
 *   on a field, an `and`/`or` list, the body of `not`) is wrapped when it has more than one member;
 * - `not` renders `(NOT <body>)`; `size` wraps the attribute as `size(#v)` and adds `size` to the
 *   placeholder name; `attributeType` takes the friendly type name (`string` → `S`);
 * - a member that renders to nothing is still joined, leaving a dangling `AND ` as AppSync does;
 *   an empty `in` list renders the literal `(null)`;
 * - anything AppSync cannot render (an unknown operator, a field holding a value, `and` given an
 *   object, `attributeExists` given a non-boolean, ...) makes the whole result `null`.
 * The docs' VTL page shows `contains(#title, :title_contains)` (unwrapped, spaced); the JS
 * "Filters" page shows `(begins_with(#title,:title_beginsWith))`, which is what AppSync emits.
 */
import { isPlainObject, toJsonValue, type JsonValue } from './json-value.ts';
import { toDynamoDB, type AttributeValue } from './util-dynamodb.ts';

/** A rendered expression; `expressionValues` is `{}` when nothing is bound (as observed). */
export interface DynamoDBExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

/** Thrown inside the builder to unwind when AppSync would render the filter as `null`. */
class UnrenderableFilter {
  constructor(readonly reason: string) {}
}

const COMPARISONS: Readonly<Record<string, string>> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
const FUNCTIONS: Readonly<Record<string, string>> = { contains: 'contains', notContains: 'NOT contains', beginsWith: 'begins_with' };
const ATTRIBUTE_TYPES: Readonly<Record<string, string>> = {
  _null: 'NULL',
  string: 'S',
  stringSet: 'SS',
  number: 'N',
  numberSet: 'NS',
  binary: 'B',
  binarySet: 'BS',
  boolean: 'BOOL',
  list: 'L',
  map: 'M',
};

const has = (table: Readonly<Record<string, string>>, key: string): boolean => Object.prototype.hasOwnProperty.call(table, key);

function leaf(expression: string, values: Record<string, AttributeValue> = {}): DynamoDBExpression {
  return { expression, expressionNames: {}, expressionValues: values };
}

function join(nodes: DynamoDBExpression[], joiner: 'AND' | 'OR', wrap: boolean): DynamoDBExpression {
  const expression = nodes.map((node) => node.expression).join(` ${joiner} `);
  const out: DynamoDBExpression = {
    expression: wrap && nodes.length > 1 ? `(${expression})` : expression,
    expressionNames: {},
    expressionValues: {},
  };
  for (const node of nodes) {
    Object.assign(out.expressionNames, node.expressionNames);
    Object.assign(out.expressionValues, node.expressionValues);
  }
  return out;
}

function buildFilter(filter: JsonValue, path: Array<string | number>, wrap: boolean): DynamoDBExpression {
  if (!isPlainObject(filter)) throw new UnrenderableFilter('a filter must be an object');
  const nodes = Object.keys(filter).map((key) => {
    const value = filter[key] as JsonValue;
    if (key === 'and' || key === 'or') return buildGroup(key, value, path);
    if (key === 'not') {
      const body = buildFilter(value, [...path, 'not'], true);
      return { ...body, expression: `(NOT ${body.expression})` };
    }
    return buildField(key, value, [...path, key], false);
  });
  return join(nodes, 'AND', wrap);
}

function buildGroup(key: 'and' | 'or', members: JsonValue, path: Array<string | number>): DynamoDBExpression {
  // AppSync takes the list form only, although its typings also allow a single object.
  if (!Array.isArray(members)) throw new UnrenderableFilter(`'${key}' must be a list of filters`);
  const nodes = members.map((member, index) => buildFilter(member, [...path, key, index], false));
  return join(nodes, key === 'or' ? 'OR' : 'AND', true);
}

function buildField(field: string, operators: JsonValue, path: Array<string | number>, sized: boolean): DynamoDBExpression {
  if (!isPlainObject(operators)) throw new UnrenderableFilter(`field '${field}' must hold operators such as { eq: ... }`);
  const name = `#${field}`;
  const target = sized ? `size(${name})` : name;
  const nodes = Object.keys(operators).map((operator) => {
    const operand = operators[operator] as JsonValue;
    // A nested size names the value again but never nests the call (observed).
    if (operator === 'size') return buildField(field, operand, [...path, 'size'], true);
    return buildOperator(target, operator, operand, `:${[...path, operator].join('_')}`);
  });
  const node = join(nodes, 'AND', true);
  // A field contributes its name even when it carries no operator (observed).
  return { ...node, expressionNames: { [name]: field, ...node.expressionNames } };
}

function buildOperator(target: string, operator: string, operand: JsonValue, value: string): DynamoDBExpression {
  if (has(COMPARISONS, operator)) {
    return leaf(`(${target} ${COMPARISONS[operator]} ${value})`, { [value]: toDynamoDB(operand) });
  }
  if (has(FUNCTIONS, operator)) {
    return leaf(`(${FUNCTIONS[operator]}(${target},${value}))`, { [value]: toDynamoDB(operand) });
  }
  switch (operator) {
    case 'between': {
      // Anything past the second bound is ignored (observed); both bounds are required.
      if (!Array.isArray(operand) || operand.length < 2) throw new UnrenderableFilter("'between' needs a list of two bounds");
      return leaf(`(${target} BETWEEN ${value}_start AND ${value}_end)`, {
        [`${value}_start`]: toDynamoDB(operand[0]),
        [`${value}_end`]: toDynamoDB(operand[1]),
      });
    }
    case 'in': {
      if (!Array.isArray(operand)) throw new UnrenderableFilter("'in' needs a list of values");
      if (operand.length === 0) return leaf('(null)');
      const names = operand.map((_element, index) => `${value}_${index}`);
      const values: Record<string, AttributeValue> = {};
      names.forEach((placeholder, index) => {
        values[placeholder] = toDynamoDB(operand[index]);
      });
      return leaf(`(${target} IN (${names.join(', ')}))`, values);
    }
    case 'attributeExists': {
      if (typeof operand !== 'boolean') throw new UnrenderableFilter("'attributeExists' needs true or false");
      return leaf(`(${operand ? 'attribute_exists' : 'attribute_not_exists'}(${target}))`);
    }
    case 'attributeType': {
      if (typeof operand !== 'string' || !has(ATTRIBUTE_TYPES, operand)) {
        throw new UnrenderableFilter(`'attributeType' needs one of ${Object.keys(ATTRIBUTE_TYPES).join(', ')}`);
      }
      return leaf(`(attribute_type(${target},${value}))`, { [value]: { S: ATTRIBUTE_TYPES[operand] as string } });
    }
    default:
      throw new UnrenderableFilter(`unknown operator '${operator}'`);
  }
}

/** The outcome of rendering: the expression, or why AppSync would answer `null`. */
export type RenderResult = { ok: true; expression: DynamoDBExpression } | { ok: false; reason: string };

/**
 * Renders a filter or condition object.
 *
 * @example
 * ```ts
 * renderFilter({ title: { beginsWith: 'far away' } });
 * // { ok: true, expression: { expression: '(begins_with(#title,:title_beginsWith))', ... } }
 * ```
 */
export function renderFilter(filter: unknown): RenderResult {
  try {
    const json = toJsonValue(filter);
    if (json === undefined) return { ok: false, reason: 'no filter was given' };
    return { ok: true, expression: buildFilter(json, [], false) };
  } catch (error) {
    if (error instanceof UnrenderableFilter) return { ok: false, reason: error.reason };
    throw error;
  }
}

/**
 * `util.transform.toDynamoDBFilterExpression` and `toDynamoDBConditionExpression`: the rendered
 * expression as a JSON string, or `null` for a filter AppSync cannot render (observed: both entry
 * points produce identical output for every recorded input).
 *
 * @example
 * ```ts
 * toDynamoDBExpressionJson({ id: { attributeExists: false } });
 * // '{"expression":"(attribute_not_exists(#id))","expressionNames":{"#id":"id"},"expressionValues":{}}'
 * ```
 */
export function toDynamoDBExpressionJson(filter: unknown): string | null {
  const result = renderFilter(filter);
  return result.ok ? JSON.stringify(result.expression) : null;
}
