/**
 * The whole backend in one environment-agnostic stack: user pool and trigger, authorizer,
 * API, table and resolvers (subscriptions included), with the outputs a client needs.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { HelpdeskApi } from './api.ts';
import { HelpdeskAuth } from './auth.ts';
import { HelpdeskAuthorizer } from './authorizer.ts';
import type { HelpdeskConfig } from './config.ts';
import { HelpdeskData } from './data.ts';
import { defaultDomainPrefix, HelpdeskMachineClients } from './machine-clients.ts';
import type { ResolverBundles } from './resolver-bundles.ts';
import { HelpdeskResolvers } from './resolvers.ts';
import { machineClientIdOutput, STACK_OUTPUTS } from './stack-outputs.ts';

export interface HelpdeskStackProps extends StackProps {
  readonly config: HelpdeskConfig;
  /** The built resolvers (`loadResolverBundles()`). */
  readonly resolvers: ResolverBundles;
}

/**
 * @example
 * const config = readConfig((key) => app.node.tryGetContext(key));
 * new HelpdeskStack(app, config.stackName, { config, resolvers: loadResolverBundles() });
 */
export class HelpdeskStack extends Stack {
  constructor(scope: Construct, id: string, props: HelpdeskStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.removalPolicy === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    const auth = new HelpdeskAuth(this, 'Auth', {
      accessTokenEmail: config.accessTokenEmail,
      tokenValidity: Duration.minutes(config.tokenValidityMinutes),
      removalPolicy,
    });
    const machines = config.machineCallers
      ? new HelpdeskMachineClients(this, 'Machines', {
          userPool: auth.userPool,
          domainPrefix: config.userPoolDomainPrefix ?? defaultDomainPrefix(this, config.stackName),
          tokenValidity: Duration.minutes(config.tokenValidityMinutes),
        })
      : null;
    const authorizer = new HelpdeskAuthorizer(this, 'Authorizer', {
      userPool: auth.userPool,
      clients: [auth.client],
      machineClients: machines === null ? [] : machines.clients.map(({ client }) => client),
      ttlSeconds: config.authTtlSeconds,
    });
    const { api, realtimeUrl } = new HelpdeskApi(this, 'Api', {
      authorizer: authorizer.function,
      authTtlSeconds: config.authTtlSeconds,
      introspection: config.introspection,
      xray: config.xray,
    });
    const { table } = new HelpdeskData(this, 'Data', { removalPolicy });
    new HelpdeskResolvers(this, 'Resolvers', { api, table, bundles: props.resolvers });

    new CfnOutput(this, STACK_OUTPUTS.graphqlUrl, { value: api.graphqlUrl, description: 'GraphQL endpoint (POST)' });
    new CfnOutput(this, STACK_OUTPUTS.realtimeUrl, { value: realtimeUrl, description: 'Real-time endpoint for subscriptions (WebSocket, graphql-ws)' });
    new CfnOutput(this, STACK_OUTPUTS.region, { value: this.region, description: 'Region of the API and the user pool' });
    new CfnOutput(this, STACK_OUTPUTS.userPoolId, { value: auth.userPool.userPoolId, description: 'Cognito user pool id' });
    new CfnOutput(this, STACK_OUTPUTS.userPoolClientId, { value: auth.client.userPoolClientId, description: 'Cognito app client id (no secret)' });
    new CfnOutput(this, STACK_OUTPUTS.tableName, { value: table.tableName, description: 'DynamoDB table' });
    if (machines === null) return;
    new CfnOutput(this, STACK_OUTPUTS.tokenEndpoint, { value: machines.tokenEndpoint, description: 'Cognito token endpoint for machine callers (client credentials)' });
    for (const { role, client } of machines.clients) {
      // The id only: the secret is read from Cognito (describe-user-pool-client), never from outputs.
      new CfnOutput(this, machineClientIdOutput(role), { value: client.userPoolClientId, description: `Machine app client id (${role}); its secret stays in Cognito` });
    }
  }
}
