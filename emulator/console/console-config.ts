/**
 * `GET /console/config.json`: what the page needs to sign in and to know the schema.
 */
import { printSchema } from 'graphql';
import { buildAppSyncSchema, readSchemaSource, SCHEMA_PATH } from '../../scripts/appsync-schema.ts';
import type { ConsoleConfig } from './contract.ts';
import { SEED_PASSWORD, type ConsoleOptions } from './console-options.ts';

function regionOf(userPoolId: string): string {
  const separator = userPoolId.indexOf('_');
  return separator > 0 ? userPoolId.slice(0, separator) : 'us-east-1';
}

/**
 * The page's configuration. The schema is read on every call, so an edited `schema.graphql`
 * shows up on the next page load.
 *
 * @example
 * consoleConfig({ userPoolId: 'us-east-1_localdev', clientId: 'localdevclient', seedUsers: [], authorize }).region; // 'us-east-1'
 */
export function consoleConfig(options: ConsoleOptions): ConsoleConfig {
  return {
    userPoolId: options.userPoolId,
    clientId: options.clientId,
    region: regionOf(options.userPoolId),
    cognitoEndpoint: options.cognitoEndpoint ?? '/',
    graphqlEndpoint: options.graphqlEndpoint ?? '/graphql',
    decisionEndpoint: '/console/decision',
    users: options.seedUsers.map((user) => ({ email: user.email, groups: [...user.groups], emailVerified: user.emailVerified })),
    defaultPassword: options.defaultPassword === undefined ? SEED_PASSWORD : options.defaultPassword,
    schema: printSchema(buildAppSyncSchema(readSchemaSource(options.schemaFile ?? SCHEMA_PATH))),
  };
}
