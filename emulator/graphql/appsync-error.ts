/**
 * GraphQL errors in AppSync's shape: `{ path, data, errorType, errorInfo, locations, message }`,
 * with `locations` entries carrying `sourceName: null` as AppSync's do.
 */
import { getNamedType, GraphQLError, isObjectType, type GraphQLSchema, type SourceLocation } from 'graphql';
import { AppSyncFieldError } from '../resolvers/appsync-field-error.ts';
import { InvalidScalarValueError } from './appsync-scalars.ts';

// Re-exported: the GraphQL layer's error helpers stay one import for its files.
export { AppSyncFieldError };

/** The AppSync error for a field the authorizer's `deniedFields` names. */
export function unauthorizedFieldError(typeName: string, fieldName: string): AppSyncFieldError {
  return new AppSyncFieldError(`Not Authorized to access ${fieldName} on type ${typeName}`, 'Unauthorized');
}

/**
 * One entry of a response's `errors`, as AppSync writes it. Resolver and authorization errors
 * carry `data`, `errorType` and `errorInfo`; graphql-java's own errors (validation, variables,
 * null in a non-null field) have only `path`, `locations` and `message`.
 */
export interface AppSyncErrorEntry {
  path: ReadonlyArray<string | number> | null;
  data?: unknown;
  errorType?: string | null;
  errorInfo?: unknown;
  locations: Array<{ line: number; column: number; sourceName: null }> | null;
  message: string;
}

/** Locations with AppSync's `sourceName: null`. */
export function appSyncLocations(locations: readonly SourceLocation[] | undefined): AppSyncErrorEntry['locations'] {
  if (locations === undefined || locations.length === 0) return null;
  return locations.map(({ line, column }) => ({ line, column, sourceName: null }));
}

const NON_NULL = /^Cannot return null for non-nullable field ([_A-Za-z][_0-9A-Za-z]*)\.([_A-Za-z][_0-9A-Za-z]*)\.$/;

/**
 * Formats an execution error. Errors the emulator did not mean to show (bugs, host failures)
 * are reported without their details, which go to the server log instead.
 *
 * @example
 * const errors = result.errors?.map((error) => formatExecutionError(error, schema, log));
 */
export function formatExecutionError(error: GraphQLError, schema: GraphQLSchema, logInternal: (error: unknown) => void): AppSyncErrorEntry {
  const original = error.originalError;
  const path = error.path ?? null;
  const locations = appSyncLocations(error.locations);
  if (original instanceof AppSyncFieldError) {
    return { path, data: original.data ?? null, errorType: original.errorType, errorInfo: original.errorInfo ?? null, locations, message: original.message };
  }
  if (original instanceof InvalidScalarValueError) {
    return { path, locations, message: `Can't serialize value (/${(path ?? []).join('/')}) : ${original.message}` };
  }
  const nonNull = NON_NULL.exec(error.message);
  if (nonNull !== null) {
    // graphql-js's null in a non-null field, in graphql-java's (AppSync's) words.
    const typeName = fieldTypeName(schema, nonNull[1] as string, nonNull[2] as string);
    const message = `Cannot return null for non-nullable type: '${typeName}' within parent '${nonNull[1]}' (/${(path ?? []).join('/')})`;
    return { path, locations: null, message };
  }
  if (original === undefined || original === null || original instanceof GraphQLError) {
    // graphql-js's own execution errors, e.g. a value an enum cannot represent.
    return { path, locations, message: error.message };
  }
  logInternal(original);
  return { path, data: null, errorType: 'InternalFailure', errorInfo: null, locations, message: 'An internal failure occurred while resolving this field.' };
}

function fieldTypeName(schema: GraphQLSchema, typeName: string, fieldName: string): string {
  const type = schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
  return field === undefined ? 'Object' : getNamedType(field.type).name;
}
