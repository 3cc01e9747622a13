/**
 * The DynamoDB request objects APPSYNC_JS resolvers return from `request(ctx)`, as AppSync's
 * resolver reference for DynamoDB defines them (typed values; numbers may be JSON numbers).
 */

/** `{ expression, expressionNames, expressionValues }`: a condition, filter, query or update. */
export interface ExpressionObject {
  readonly expression: string;
  readonly expressionNames?: Readonly<Record<string, string>>;
  readonly expressionValues?: Readonly<Record<string, unknown>>;
}

/** A projection: `{ expression, expressionNames }`. */
export interface ProjectionObject {
  readonly expression: string;
  readonly expressionNames?: Readonly<Record<string, string>>;
}

/** Any DynamoDB request object; fields are read defensively because resolver code made it. */
export interface DynamoDbRequest {
  readonly operation: string;
  readonly key?: unknown;
  readonly attributeValues?: unknown;
  readonly update?: ExpressionObject;
  readonly condition?: ExpressionObject | null;
  readonly consistentRead?: boolean;
  readonly query?: ExpressionObject;
  readonly filter?: ExpressionObject | null;
  readonly index?: string;
  readonly limit?: number;
  readonly nextToken?: string | null;
  readonly scanIndexForward?: boolean;
  readonly select?: string;
  readonly projection?: ProjectionObject;
  readonly segment?: number;
  readonly totalSegments?: number;
  readonly tables?: Readonly<Record<string, unknown>>;
  readonly transactItems?: readonly unknown[];
}
