/**
 * The argument checks and conversions every request builder of `@aws-appsync/utils/dynamodb`
 * shares: keys and items to attribute maps, conditions to expression objects, projections to
 * aliased paths, and leaving absent options out of the request.
 */
import { renderFilter, type DynamoDBExpression } from './dynamodb-expression.ts';
import { createExpressionNames } from './expression-names.ts';
import { isPlainObject, toJsonValue } from './json-value.ts';
import { toMapValues, type AttributeValue } from './util-dynamodb.ts';

/** A builder's argument object. */
export type Payload = Record<string, unknown>;

/** The argument as an object, or a clear error naming the helper. */
export function payloadOf(payload: unknown, helper: string): Payload {
  if (!isPlainObject(payload)) throw new Error(`ddb.${helper}: expected an object argument`);
  return payload;
}

/** A key object as attribute values. */
export function keyOf(key: unknown, helper: string): Record<string, AttributeValue> {
  const map = toMapValues(key);
  if (map === null) throw new Error(`ddb.${helper}: \`key\` must be an object such as { id: '1' }`);
  return map;
}

/** An item as attribute values. */
export function itemOf(item: unknown, helper: string): Record<string, AttributeValue> {
  const map = toMapValues(item);
  if (map === null) throw new Error(`ddb.${helper}: the item must be an object of attributes`);
  return map;
}

/** A condition, filter or key condition as an embedded expression; `undefined` when absent. */
export function expressionOf(filter: unknown, helper: string, field: string): Partial<DynamoDBExpression> | undefined {
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
export function projectionOf(projection: unknown, helper: string): { expression: string; expressionNames: Record<string, string> } | undefined {
  if (projection === undefined || projection === null) return undefined;
  if (!Array.isArray(projection)) throw new Error(`ddb.${helper}: \`projection\` must be a list of attribute paths`);
  if (projection.length === 0) return undefined;
  const names = createExpressionNames();
  const expression = projection
    .map((path) =>
      String(path)
        .split('.')
        .map((segment) => {
          const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(segment);
          if (match === null) throw new Error(`ddb.${helper}: invalid projection path ${JSON.stringify(path)}`);
          return names.alias(match[1] as string) + (match[2] as string);
        })
        .join('.'),
    )
    .join(', ');
  return { expression, expressionNames: names.toExpressionNames() };
}

/** Copies the optional fields that are present and not `null` (JSON-normalized). */
export function withOptional<T extends Record<string, unknown>>(request: T, optional: Record<string, unknown>): T {
  for (const field of Object.keys(optional)) {
    const value = optional[field];
    if (value !== undefined && value !== null) (request as Record<string, unknown>)[field] = toJsonValue(value);
  }
  return request;
}

/** The `tables` map of a batch request. */
export function tablesOf(payload: unknown, helper: string): Record<string, unknown> {
  const tables = payloadOf(payload, helper)['tables'];
  if (!isPlainObject(tables)) throw new Error(`ddb.${helper}: \`tables\` must map table names to requests`);
  return tables;
}

/** A list argument, or a clear error. */
export function listOf(value: unknown, helper: string, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`ddb.${helper}: ${what} must be a list`);
  return value;
}
