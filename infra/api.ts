/**
 * The AppSync GraphQL API: `schema.graphql`, the Lambda authorizer as its only auth mode, the
 * shared limits of `api-limits.ts`, and logging that can never record a token.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AuthorizationType, Definition, FieldLogLevel, GraphqlApi, IntrospectionConfig, type CfnGraphQLApi } from 'aws-cdk-lib/aws-appsync';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SCHEMA_PATH } from '../scripts/appsync-schema.ts';
import { AUTHORIZATION_TOKEN_PATTERN, QUERY_DEPTH_LIMIT, RESOLVER_COUNT_LIMIT } from './api-limits.ts';

export interface HelpdeskApiProps {
  /** The Lambda authorizer; AppSync may invoke it, scoped to this API by the feature flag. */
  readonly authorizer: IFunction;
  /** `authorizerResultTtlInSeconds`: how long AppSync caches an answer per token. */
  readonly authTtlSeconds: number;
  readonly introspection: boolean;
  readonly xray: boolean;
}

/**
 * The GraphQL API without resolvers (see `resolvers.ts`).
 *
 * @example
 * const { api } = new HelpdeskApi(this, 'Api', { authorizer, authTtlSeconds: 300, introspection: true, xray: false });
 */
export class HelpdeskApi extends Construct {
  readonly api: GraphqlApi;
  /**
   * The real-time endpoint subscriptions connect to (`wss://<id>.appsync-realtime-api.<region>.amazonaws.com/graphql`),
   * read from CloudFormation's `RealtimeUrl` attribute: the L2 `GraphqlApi` does not expose it.
   */
  readonly realtimeUrl: string;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HelpdeskApiProps) {
    super(scope, id);

    // AppSync's own role for logging, instead of CDK's default that attaches the AWS managed
    // AWSAppSyncPushToCloudWatchLogs policy (any log group). It gets write access to the API's
    // log group below, and cannot create log groups: so the stack's log group, with its
    // retention, is the only one AppSync can use.
    const loggingRole = new Role(this, 'LoggingRole', {
      assumedBy: new ServicePrincipal('appsync.amazonaws.com'),
      description: 'AppSync writes the helpdesk API field errors to its own log group',
    });

    this.api = new GraphqlApi(this, 'GraphqlApi', {
      // Named after the stack, so that two deployments (`-c stackName=…`) tell apart in the console.
      name: Stack.of(this).stackName,
      definition: Definition.fromFile(SCHEMA_PATH),
      authorizationConfig: {
        // The only mode: with Cognito or OIDC modes beside it, AppSync would route JWT-shaped
        // tokens to them and never call the authorizer.
        defaultAuthorization: {
          authorizationType: AuthorizationType.LAMBDA,
          lambdaAuthorizerConfig: {
            handler: props.authorizer,
            resultsCacheTtl: Duration.seconds(props.authTtlSeconds),
            validationRegex: AUTHORIZATION_TOKEN_PATTERN,
          },
        },
        additionalAuthorizationModes: [],
      },
      xrayEnabled: props.xray,
      introspectionConfig: props.introspection ? IntrospectionConfig.ENABLED : IntrospectionConfig.DISABLED,
      queryDepthLimit: QUERY_DEPTH_LIMIT,
      resolverCountLimit: RESOLVER_COUNT_LIMIT,
    });

    this.realtimeUrl = (this.api.node.defaultChild as CfnGraphQLApi).attrRealtimeUrl;

    // The log group AppSync writes to (its name is fixed by AppSync), created here to give it a
    // retention and the stack's lifetime.
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/appsync/apis/${this.api.apiId}`,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.logGroup.grantWrite(loggingRole);

    // Set on the L1 resource rather than through the L2 `logConfig`, which always adds a
    // LogRetention custom resource (one more Lambda function with an AWS managed policy and
    // `logs:*` on `*`) that would then race the log group above for the same name.
    const logConfig: CfnGraphQLApi.LogConfigProperty = {
      cloudWatchLogsRoleArn: loggingRole.roleArn,
      // Field errors only, and never the verbose content: that would put request headers, and
      // with them the bearer token, into CloudWatch.
      fieldLogLevel: FieldLogLevel.ERROR,
      excludeVerboseContent: true,
    };
    (this.api.node.defaultChild as CfnGraphQLApi).logConfig = logConfig;

    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-ASC3',
      reason:
        'Request-level (verbose) logging records request headers, and so the Authorization token, in ' +
        'CloudWatch; field errors are logged (level ERROR, logging role set) without verbose content, on purpose.',
    });
  }
}
