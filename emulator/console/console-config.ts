/**
 * `GET /console/config.json`: what the page needs to sign in and to know the schema.
 */
import { getDirectiveValues, printSchema, type GraphQLSchema } from 'graphql';
import { rules } from '../../policy/rules.ts';
import { buildAppSyncSchema, readSchemaSource, SCHEMA_PATH } from '../../scripts/appsync-schema.ts';
import { DEFAULT_SEED_FILE, OAUTH_TOKEN_PATH } from '../cognito/index.ts';
import { readSeedFile } from '../cognito/seed-users.ts';
import { REALTIME_PATH } from '../realtime/index.ts';
import type { ConsoleConfig, ConsoleFieldRule, ConsoleMachineClient } from './contract.ts';
import { SEED_PASSWORD, type ConsoleOptions, type ConsoleSeedClient } from './console-options.ts';

function regionOf(userPoolId: string): string {
  const separator = userPoolId.indexOf('_');
  return separator > 0 ? userPoolId.slice(0, separator) : 'us-east-1';
}

function machineClientsOf(clients: readonly ConsoleSeedClient[]): ConsoleMachineClient[] {
  return clients
    .filter((client) => client.allowedOAuthFlows?.includes('client_credentials') === true)
    .map((client) => ({ clientId: client.clientId, scopes: [...(client.allowedOAuthScopes ?? [])], secret: client.secret ?? null }));
}

function subscribedMutations(schema: GraphQLSchema): Record<string, string[]> {
  const directive = schema.getDirective('aws_subscribe');
  const fields = Object.values(schema.getSubscriptionType()?.getFields() ?? {});
  return Object.fromEntries(
    fields.map((field) => {
      const mutations = directive === null || directive === undefined || field.astNode === undefined || field.astNode === null ? undefined : getDirectiveValues(directive, field.astNode)?.mutations;
      return [field.name, Array.isArray(mutations) ? mutations.filter((name): name is string => typeof name === 'string') : []];
    }),
  );
}

function ruleTable(): Record<string, ConsoleFieldRule> {
  return Object.fromEntries(Object.entries(rules).map(([coordinate, rule]) => [coordinate, { allow: [...rule.allow], item: rule.item }]));
}

/**
 * The page's configuration. The schema is read on every call, so an edited `schema.graphql`
 * shows up on the next page load.
 *
 * @example
 * consoleConfig({ userPoolId: 'us-east-1_localdev', clientId: 'localdevclient', seedUsers: [], authorize }).region; // 'us-east-1'
 */
export function consoleConfig(options: ConsoleOptions): ConsoleConfig {
  const schema = buildAppSyncSchema(readSchemaSource(options.schemaFile ?? SCHEMA_PATH));
  return {
    userPoolId: options.userPoolId,
    clientId: options.clientId,
    region: regionOf(options.userPoolId),
    cognitoEndpoint: options.cognitoEndpoint ?? '/',
    graphqlEndpoint: options.graphqlEndpoint ?? '/graphql',
    decisionEndpoint: '/console/decision',
    tokenEndpoint: options.tokenEndpoint ?? OAUTH_TOKEN_PATH,
    realtimeEndpoint: options.realtimeEndpoint ?? REALTIME_PATH,
    users: options.seedUsers.map((user) => ({ email: user.email, groups: [...user.groups], emailVerified: user.emailVerified })),
    // Like the prefilled password, the default is the shipped seed file's documented clients.
    machineClients: machineClientsOf(options.machineClients ?? readSeedFile(DEFAULT_SEED_FILE).clients),
    subscribedMutations: subscribedMutations(schema),
    rules: ruleTable(),
    defaultPassword: options.defaultPassword === undefined ? SEED_PASSWORD : options.defaultPassword,
    schema: printSchema(schema),
  };
}
