/**
 * Reads `schema.graphql` the way AppSync does: AppSync's scalars and directives are built in
 * there, so graphql-js needs them declared before it can build the schema.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, isObjectType, type GraphQLSchema } from 'graphql';

/** Absolute path of the project's `schema.graphql`. */
export const SCHEMA_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** The scalars AppSync defines for every API. */
export const APPSYNC_SCALARS = [
  'AWSDate',
  'AWSTime',
  'AWSDateTime',
  'AWSTimestamp',
  'AWSEmail',
  'AWSJSON',
  'AWSURL',
  'AWSPhone',
  'AWSIPAddress',
] as const;

const APPSYNC_PRELUDE = [
  ...APPSYNC_SCALARS.map((name) => `scalar ${name}`),
  'directive @aws_lambda on OBJECT | FIELD_DEFINITION',
  'directive @aws_api_key on OBJECT | FIELD_DEFINITION',
  'directive @aws_iam on OBJECT | FIELD_DEFINITION',
  'directive @aws_oidc on OBJECT | FIELD_DEFINITION',
  'directive @aws_cognito_user_pools(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION',
  'directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION',
  'directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION',
].join('\n');

/** The text of `schema.graphql`. */
export function readSchemaSource(path: string = SCHEMA_PATH): string {
  return readFileSync(path, 'utf8');
}

/**
 * Builds an executable-shape schema from AppSync SDL.
 *
 * @example
 * const schema = buildAppSyncSchema(readSchemaSource());
 */
export function buildAppSyncSchema(source: string = readSchemaSource()): GraphQLSchema {
  return buildSchema(`${APPSYNC_PRELUDE}\n${source}`);
}

/**
 * Every field of every object type, as `Type.field` coordinates in schema order
 * (introspection types excluded). These are the fields `deniedFields` can name.
 */
export function objectFieldCoordinates(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
    .flatMap((type) => (isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : []));
}
