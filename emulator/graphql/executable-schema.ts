/**
 * `schema.graphql` as AppSync serves it: AppSync's prelude (scalars and directives) from
 * `scripts/appsync-schema.ts`, and real validation behind every AppSync scalar.
 */
import { isScalarType, type GraphQLSchema } from 'graphql';
import { APPSYNC_SCALARS, buildAppSyncSchema } from '../../scripts/appsync-schema.ts';
import { scalarFunctions } from './appsync-scalars.ts';

/**
 * Builds the schema from SDL text. Field resolution is not attached here: the executor passes
 * one field resolver for every field, so resolver bundles can be swapped per request.
 *
 * @example
 * const schema = buildExecutableSchema(readFileSync('schema.graphql', 'utf8'));
 */
export function buildExecutableSchema(source: string): GraphQLSchema {
  const schema = buildAppSyncSchema(source);
  for (const name of APPSYNC_SCALARS) {
    const type = schema.getType(name);
    // graphql-js keeps a scalar's functions as plain properties; buildSchema leaves them as the
    // identity, and replacing them in place also updates every field that references the type.
    if (isScalarType(type)) Object.assign(type, scalarFunctions(name));
  }
  return schema;
}
