/**
 * Turns AppSync's expression objects into the SDK's `*Expression` and
 * `ExpressionAttributeNames/Values` parameters, merging the placeholders of several
 * expressions (a query and its filter, an update and its condition) into one request.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { toAttributeMap } from './attribute-values.ts';
import { DataSourceError } from './data-source-error.ts';
import type { ExpressionObject, ProjectionObject } from './request-objects.ts';

/** Placeholders collected from every expression of one request. */
export interface ExpressionParts {
  names: Record<string, string>;
  values: Record<string, AttributeValue>;
}

/** A fresh, empty collection of placeholders. */
export function emptyParts(): ExpressionParts {
  return { names: {}, values: {} };
}

/**
 * Adds one expression's placeholders to `parts` and returns its text, or `undefined` when the
 * expression is absent.
 *
 * @example
 * const parts = emptyParts();
 * const KeyConditionExpression = addExpression(parts, request.query, 'query');
 */
export function addExpression(
  parts: ExpressionParts,
  expression: ExpressionObject | ProjectionObject | null | undefined,
  what: string,
): string | undefined {
  if (expression === undefined || expression === null) return undefined;
  if (typeof expression !== 'object' || typeof expression.expression !== 'string') {
    throw new DataSourceError('DynamoDB:DynamoDbException', `The ${what} expression must be an object with an expression string.`);
  }
  const names = expression.expressionNames ?? {};
  for (const [placeholder, name] of Object.entries(names)) {
    if (typeof name !== 'string') throw new DataSourceError('DynamoDB:DynamoDbException', `Expression name ${placeholder} must be a string.`);
    parts.names[placeholder] = name;
  }
  if ('expressionValues' in expression && expression.expressionValues !== undefined && expression.expressionValues !== null) {
    Object.assign(parts.values, toAttributeMap(expression.expressionValues));
  }
  return expression.expression;
}

/** The SDK's placeholder parameters, omitted when empty (DynamoDB rejects empty maps). */
export function placeholderParams(parts: ExpressionParts): {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
} {
  return {
    ...(Object.keys(parts.names).length > 0 ? { ExpressionAttributeNames: parts.names } : {}),
    ...(Object.keys(parts.values).length > 0 ? { ExpressionAttributeValues: parts.values } : {}),
  };
}
