/**
 * The Lambda authorizer from `authorizer/index.ts`. It verifies tokens against the pool's
 * public keys (fetched over HTTPS, no AWS API involved), so its role may write its logs and
 * nothing else.
 */
import { Duration } from 'aws-cdk-lib';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { NodeFunction } from './node-function.ts';

export interface HelpdeskAuthorizerProps {
  readonly userPool: IUserPool;
  /** The app clients whose users' tokens are accepted. */
  readonly clients: readonly IUserPoolClient[];
  /** The client-credentials app clients whose access tokens stand for machines. */
  readonly machineClients: readonly IUserPoolClient[];
  /** The longest AppSync may cache one of its answers; the same number as the API's TTL. */
  readonly ttlSeconds: number;
}

/**
 * The authorizer function and its configuration (`authorizer/config.ts` reads exactly these
 * variables).
 *
 * @example
 * const { function: handler } = new HelpdeskAuthorizer(this, 'Authorizer', { userPool, clients: [client], machineClients: [], ttlSeconds: 300 });
 */
export class HelpdeskAuthorizer extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: HelpdeskAuthorizerProps) {
    super(scope, id);
    this.function = new NodeFunction(this, 'Handler', {
      entry: 'authorizer/index.ts',
      description: 'AppSync Lambda authorizer: verifies Cognito ID or access tokens, users\' and machines\'',
      environment: {
        USER_POOL_ID: props.userPool.userPoolId,
        APP_CLIENT_ID: props.clients.map((client) => client.userPoolClientId).join(','),
        MACHINE_CLIENT_IDS: props.machineClients.map((client) => client.userPoolClientId).join(','),
        AUTH_TTL_SECONDS: String(props.ttlSeconds),
      },
      // AppSync gives an authorizer ten seconds; a cold start fetches the JWKS (3 s timeout).
      timeout: Duration.seconds(5),
      memorySize: 256,
    }).function;
  }
}
