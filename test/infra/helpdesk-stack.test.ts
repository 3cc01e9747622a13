import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { isObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUTHORIZATION_TOKEN_PATTERN, QUERY_DEPTH_LIMIT, RESOLVER_COUNT_LIMIT } from '../../infra/api-limits.ts';
import { STACK_OUTPUTS } from '../../infra/stack-outputs.ts';
import { ensureResolverBundles, RESOLVER_BUNDLE_DIR } from '../../infra/resolver-bundles.ts';
import { STAFF } from '../../policy/index.ts';
import { TABLE_DESIGN } from '../../resolvers/lib/table.ts';
import { buildAppSyncSchema, SCHEMA_PATH } from '../../scripts/appsync-schema.ts';
import type { ResolverManifest } from '../../scripts/resolver-manifest.ts';
import { synthesize, type Synthesized } from './helpers.ts';

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;

/** Every resource of `type`, by logical id. */
function resourcesOf(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

/** The one resource of `type` whose properties match `props`: its logical id and properties. */
/** The users' app client: the one without a secret (the machine clients have one each). */
const WEB_CLIENT = { GenerateSecret: false };

function only(template: Template, type: string, props: Record<string, unknown> = {}): { id: string; properties: Record<string, any> } {
  const found = Object.entries(template.findResources(type, { Properties: props }) as Resources);
  expect(found, `exactly one ${type} matching ${JSON.stringify(props)}`).toHaveLength(1);
  const [id, resource] = found[0]!;
  return { id, properties: resource.Properties };
}

/** The logical id of a role given as `{ "Fn::GetAtt": [id, "Arn"] }`. */
function roleIdOf(arn: unknown): string {
  const getAtt = (arn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
  expect(getAtt[1]).toBe('Arn');
  return getAtt[0];
}

/** Every statement of every IAM policy attached to the role, and the role itself. */
function grantsOf(template: Template, roleId: string): { role: Record<string, any>; statements: Array<Record<string, any>> } {
  const role = resourcesOf(template, 'AWS::IAM::Role')[roleId]!.Properties;
  const inline = ((role.Policies ?? []) as Array<{ PolicyDocument: { Statement: Array<Record<string, any>> } }>).flatMap((policy) => policy.PolicyDocument.Statement);
  const attached = Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((ref) => JSON.stringify(ref) === JSON.stringify({ Ref: roleId })))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>);
  const managed = Object.values(resourcesOf(template, 'AWS::IAM::ManagedPolicy')).filter((policy) =>
    ((policy.Properties.Roles ?? []) as unknown[]).some((ref) => JSON.stringify(ref) === JSON.stringify({ Ref: roleId })),
  );
  expect(managed, 'customer managed policies on the role').toEqual([]);
  return { role, statements: [...inline, ...attached] };
}

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

describe('Infra: HelpdeskStack', () => {
  let byDefault: Synthesized;
  let flagged: Synthesized;

  beforeAll(async () => {
    await ensureResolverBundles();
    byDefault = synthesize();
    flagged = synthesize({
      accessTokenEmail: 'true',
      authTtlSeconds: '120',
      tokenValidityMinutes: '30',
      introspection: 'false',
      xray: 'true',
      removalPolicy: 'destroy',
    });
  });

  describe('API', () => {
    it('has AWS_LAMBDA as its only auth type, with the configured TTL and the JWT-shaped regex', () => {
      for (const [synthesized, ttl] of [
        [byDefault, 300],
        [flagged, 120],
      ] as const) {
        // Act
        const api = only(synthesized.template, 'AWS::AppSync::GraphQLApi');
        const authorizer = only(synthesized.template, 'AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ USER_POOL_ID: Match.anyValue() }) } });

        // Assess
        expect(api.properties.AuthenticationType).toBe('AWS_LAMBDA');
        expect(api.properties.AdditionalAuthenticationProviders ?? []).toEqual([]);
        expect(api.properties.UserPoolConfig).toBeUndefined();
        expect(api.properties.OpenIDConnectConfig).toBeUndefined();
        expect(api.properties.LambdaAuthorizerConfig).toEqual({
          AuthorizerResultTtlInSeconds: ttl,
          AuthorizerUri: { 'Fn::GetAtt': [authorizer.id, 'Arn'] },
          IdentityValidationExpression: AUTHORIZATION_TOKEN_PATTERN,
        });
        expect(authorizer.properties.Environment.Variables.AUTH_TTL_SECONDS).toBe(String(ttl));
        synthesized.template.resourceCountIs('AWS::AppSync::ApiKey', 0);
      }
    });

    it('lets only this API invoke the authorizer', () => {
      // Prepare
      const { template } = byDefault;
      const api = only(template, 'AWS::AppSync::GraphQLApi');
      const authorizer = only(template, 'AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ USER_POOL_ID: Match.anyValue() }) } });

      // Act
      const permissions = Object.values(resourcesOf(template, 'AWS::Lambda::Permission')).filter(
        (permission) => JSON.stringify(permission.Properties.FunctionName) === JSON.stringify({ 'Fn::GetAtt': [authorizer.id, 'Arn'] }),
      );

      // Assess
      expect(permissions.map((permission) => permission.Properties)).toEqual([
        {
          Action: 'lambda:InvokeFunction',
          FunctionName: { 'Fn::GetAtt': [authorizer.id, 'Arn'] },
          Principal: 'appsync.amazonaws.com',
          SourceArn: { 'Fn::GetAtt': [api.id, 'Arn'] },
        },
      ]);
    });

    it('deploys schema.graphql as it is, with its subscriptions and the mutations that trigger them', () => {
      // Prepare
      const source = readFileSync(SCHEMA_PATH, 'utf8');

      // Act
      const deployed = only(byDefault.template, 'AWS::AppSync::GraphQLSchema').properties.Definition as string;

      // Assess
      expect(deployed).toBe(source);
      expect(deployed).toContain('subscription: Subscription');
      expect(deployed).toContain('onTicketChanged(id: ID!): Ticket @aws_subscribe(mutations: ["assignTicket", "setTicketStatus"])');
      expect(deployed).toContain('onCommentAdded(ticketId: ID!): Comment @aws_subscribe(mutations: ["addComment"])');
      expect(deployed).toContain('onTicketActivity: Ticket @aws_subscribe(mutations: ["openTicket", "assignTicket", "setTicketStatus", "setInternalNotes"])');
    });

    it('applies the shared depth and resolver-count limits', () => {
      // Assess
      byDefault.template.hasResourceProperties('AWS::AppSync::GraphQLApi', { QueryDepthLimit: QUERY_DEPTH_LIMIT, ResolverCountLimit: RESOLVER_COUNT_LIMIT });
    });

    it('answers introspection by default and not under introspection=false', () => {
      // Assess
      byDefault.template.hasResourceProperties('AWS::AppSync::GraphQLApi', { IntrospectionConfig: 'ENABLED' });
      flagged.template.hasResourceProperties('AWS::AppSync::GraphQLApi', { IntrospectionConfig: 'DISABLED' });
    });

    it('traces with X-Ray only under xray=true', () => {
      // Assess
      byDefault.template.hasResourceProperties('AWS::AppSync::GraphQLApi', { XrayEnabled: false });
      flagged.template.hasResourceProperties('AWS::AppSync::GraphQLApi', { XrayEnabled: true });
    });

    it('logs field errors only, never the verbose content that holds request headers', () => {
      for (const { template } of [byDefault, flagged]) {
        // Act
        const api = only(template, 'AWS::AppSync::GraphQLApi');
        const logConfig = api.properties.LogConfig;
        const { statements } = grantsOf(template, roleIdOf(logConfig.CloudWatchLogsRoleArn));
        const logGroup = only(template, 'AWS::Logs::LogGroup', { LogGroupName: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });

        // Assess
        expect(logConfig).toEqual({ CloudWatchLogsRoleArn: expect.anything(), ExcludeVerboseContent: true, FieldLogLevel: 'ERROR' });
        expect(logGroup.properties.LogGroupName).toEqual({ 'Fn::Join': ['', ['/aws/appsync/apis/', { 'Fn::GetAtt': [api.id, 'ApiId'] }]] });
        expect(logGroup.properties.RetentionInDays).toBeGreaterThan(0);
        expect(statements).toEqual([
          { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logGroup.id, 'Arn'] } },
        ]);
      }
    });

    it('creates no LogRetention custom resource or other helper function', () => {
      // Assess: the authorizer and the trigger are the only functions
      byDefault.template.resourceCountIs('AWS::Lambda::Function', 2);
      byDefault.template.resourceCountIs('Custom::LogRetention', 0);
    });
  });

  describe('resolvers', () => {
    it('runs every resolver and pipeline function as APPSYNC_JS with the built bundle as its code', () => {
      // Prepare
      const { template, bundles } = byDefault;
      const dataSources = resourcesOf(template, 'AWS::AppSync::DataSource');
      const dataSourceIdOf = (kind: string) => {
        const type = kind === 'TABLE' ? 'AMAZON_DYNAMODB' : 'NONE';
        const ids = Object.keys(dataSources).filter((id) => dataSources[id]!.Properties.Type === type);
        expect(ids).toHaveLength(1);
        return ids[0]!;
      };
      // CDK names a data source by reference in a resolver and literally in a function.
      const dataSourceNameOf = (reference: unknown): string =>
        typeof reference === 'string' ? reference : dataSources[(reference as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]]!.Properties.Name;
      const runtime = { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' };
      const functions = resourcesOf(template, 'AWS::AppSync::FunctionConfiguration');

      // The build's own record, read here rather than through the stack's loader.
      const manifest = JSON.parse(readFileSync(join(RESOLVER_BUNDLE_DIR, 'manifest.json'), 'utf8')) as ResolverManifest;
      const bundle = (path: string): string => readFileSync(join(RESOLVER_BUNDLE_DIR, path), 'utf8');

      for (const resolver of manifest.resolvers) {
        // Act
        const deployed = only(template, 'AWS::AppSync::Resolver', { TypeName: resolver.typeName, FieldName: resolver.fieldName });

        // Assess
        expect(deployed.properties.Runtime).toEqual(runtime);
        expect(deployed.properties.Code).toBe(bundle(resolver.code));
        expect(deployed.properties.Kind).toBe(resolver.kind);
        if (resolver.kind === 'UNIT') {
          expect(dataSourceNameOf(deployed.properties.DataSourceName)).toBe(dataSources[dataSourceIdOf(resolver.dataSource)]!.Properties.Name);
          continue;
        }
        const functionIds = (deployed.properties.PipelineConfig.Functions as Array<{ 'Fn::GetAtt': [string, string] }>).map((ref) => ref['Fn::GetAtt'][0]);
        expect(functionIds.map((id) => functions[id]!.Properties.Name)).toEqual(resolver.functions.map((fn) => fn.name));
        resolver.functions.forEach((fn, index) => {
          const properties = functions[functionIds[index]!]!.Properties;
          expect(properties.Runtime).toEqual(runtime);
          expect(properties.Code).toBe(bundle(fn.code));
          expect(dataSourceNameOf(properties.DataSourceName)).toBe(dataSources[dataSourceIdOf(fn.dataSource)]!.Properties.Name);
        });
      }
      expect(manifest.resolvers.length).toBe(bundles.resolvers.length);
      template.resourceCountIs('AWS::AppSync::Resolver', manifest.resolvers.length);
      template.resourceCountIs(
        'AWS::AppSync::FunctionConfiguration',
        manifest.resolvers.reduce((count, resolver) => count + (resolver.kind === 'PIPELINE' ? resolver.functions.length : 0), 0),
      );
    });

    it('has one resolver per Query, Mutation and Subscription field of the schema', () => {
      // Prepare
      const schema = buildAppSyncSchema();
      const rootFields = ['Query', 'Mutation', 'Subscription'].flatMap((typeName) => {
        const type = schema.getType(typeName);
        return isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${typeName}.${field}`) : [];
      });

      // Act
      const deployed = Object.values(resourcesOf(byDefault.template, 'AWS::AppSync::Resolver')).map(
        (resolver) => `${resolver.Properties.TypeName}.${resolver.Properties.FieldName}`,
      );

      // Assess
      expect(rootFields.length).toBeGreaterThanOrEqual(13);
      expect(deployed.filter((coordinate) => /^(Query|Mutation|Subscription)\./.test(coordinate)).sort()).toEqual([...rootFields].sort());
      expect(new Set(deployed).size).toBe(deployed.length);
      for (const coordinate of deployed) {
        const [typeName, fieldName] = coordinate.split('.') as [string, string];
        const type = schema.getType(typeName);
        expect(isObjectType(type) && fieldName in type.getFields(), `${coordinate} is a field of schema.graphql`).toBe(true);
      }
    });

    it('runs each subscription resolver when a client subscribes: a pipeline reading the ticket, or the NONE data source', () => {
      // Prepare
      const { template } = byDefault;
      const functions = resourcesOf(template, 'AWS::AppSync::FunctionConfiguration');
      const dataSources = resourcesOf(template, 'AWS::AppSync::DataSource');
      const typeOfDataSource = (reference: unknown): string => {
        const name = typeof reference === 'string' ? reference : dataSources[(reference as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]]!.Properties.Name;
        return Object.values(dataSources).find((dataSource) => dataSource.Properties.Name === name)!.Properties.Type as string;
      };
      const pipelineOf = (fieldName: string): Array<[string, string]> => {
        const resolver = only(template, 'AWS::AppSync::Resolver', { TypeName: 'Subscription', FieldName: fieldName });
        expect(resolver.properties.Kind).toBe('PIPELINE');
        return (resolver.properties.PipelineConfig.Functions as Array<{ 'Fn::GetAtt': [string, string] }>).map((ref) => {
          const properties = functions[ref['Fn::GetAtt'][0]]!.Properties;
          return [properties.Name as string, typeOfDataSource(properties.DataSourceName)];
        });
      };

      // Act
      const activity = only(template, 'AWS::AppSync::Resolver', { TypeName: 'Subscription', FieldName: 'onTicketActivity' });

      // Assess
      expect(pipelineOf('onTicketChanged')).toEqual([['Subscription_onTicketChanged_1_get_ticket', 'AMAZON_DYNAMODB']]);
      expect(pipelineOf('onCommentAdded')).toEqual([['Subscription_onCommentAdded_1_get_ticket', 'AMAZON_DYNAMODB']]);
      expect(activity.properties.Kind).toBe('UNIT');
      expect(typeOfDataSource(activity.properties.DataSourceName)).toBe('NONE');
    });

    it("gives the resolvers the table's name in the API variables they read", () => {
      // Prepare
      const table = only(byDefault.template, 'AWS::DynamoDB::GlobalTable');
      const expected = Object.fromEntries(Object.keys(byDefault.bundles.environment).map((name) => [name, { Ref: table.id }]));

      // Assess
      expect(Object.keys(expected)).toContain('TABLE_NAME');
      byDefault.template.hasResourceProperties('AWS::AppSync::GraphQLApi', { EnvironmentVariables: expected });
    });
  });

  describe('Cognito', () => {
    it('attaches the trigger as V1_0 on the Lite plan by default', () => {
      // Prepare
      const trigger = only(byDefault.template, 'AWS::Lambda::Function', { Description: Match.stringLikeRegexp('Pre Token Generation') });

      // Assess
      byDefault.template.hasResourceProperties('AWS::Cognito::UserPool', {
        UserPoolTier: 'LITE',
        LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [trigger.id, 'Arn'] }, LambdaVersion: 'V1_0' } },
      });
    });

    it('attaches the trigger as V2_0 on the Essentials plan under accessTokenEmail=true', () => {
      // Prepare
      const trigger = only(flagged.template, 'AWS::Lambda::Function', { Description: Match.stringLikeRegexp('Pre Token Generation') });

      // Assess
      flagged.template.hasResourceProperties('AWS::Cognito::UserPool', {
        UserPoolTier: 'ESSENTIALS',
        LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [trigger.id, 'Arn'] }, LambdaVersion: 'V2_0' } },
      });
    });

    it('signs people up by email, verified by code, with a strong password policy', () => {
      // Assess
      byDefault.template.hasResourceProperties('AWS::Cognito::UserPool', {
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
        Policies: {
          PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }),
        },
      });
    });

    it('has the agents and admins groups of the rule table', () => {
      // Act
      const groups = Object.values(resourcesOf(byDefault.template, 'AWS::Cognito::UserPoolGroup')).map((group) => group.Properties.GroupName);

      // Assess: the groups the rule table grants to, no more
      expect(groups.sort()).toEqual([...STAFF].sort());
      expect(groups.sort()).toEqual(['admins', 'agents']);
    });

    it('has one public app client for users: no secret, SRP, password and refresh, short tokens, revocation on', () => {
      for (const [{ template }, minutes] of [
        [byDefault, 60],
        [flagged, 30],
      ] as const) {
        // Act
        const client = only(template, 'AWS::Cognito::UserPoolClient', WEB_CLIENT);

        // Assess
        expect(client.properties).toMatchObject({
          GenerateSecret: false,
          EnableTokenRevocation: true,
          PreventUserExistenceErrors: 'ENABLED',
          AllowedOAuthFlowsUserPoolClient: false,
          IdTokenValidity: minutes,
          AccessTokenValidity: minutes,
          TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes' },
        });
        expect([...client.properties.ExplicitAuthFlows].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);
        expect(client.properties.WriteAttributes).not.toContain('email_verified');
      }
    });
  });

  describe('Lambda functions', () => {
    it('runs the authorizer and the trigger on arm64 and the newest Node.js runtime', () => {
      for (const fn of Object.values(resourcesOf(byDefault.template, 'AWS::Lambda::Function'))) {
        // Assess
        expect(fn.Properties.Runtime).toBe('nodejs24.x');
        expect(fn.Properties.Architectures).toEqual(['arm64']);
        expect(fn.Properties.Handler).toBe('index.handler');
      }
    });

    it('configures the authorizer with exactly the pool, the clients and the TTL', () => {
      // Prepare
      const pool = only(byDefault.template, 'AWS::Cognito::UserPool');
      const client = only(byDefault.template, 'AWS::Cognito::UserPoolClient', WEB_CLIENT);

      // Act
      const authorizer = only(byDefault.template, 'AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ USER_POOL_ID: Match.anyValue() }) } });

      // Assess
      const machineClients = Object.keys(byDefault.template.findResources('AWS::Cognito::UserPoolClient', { Properties: { GenerateSecret: true } }));
      expect(authorizer.properties.Environment.Variables).toEqual({
        USER_POOL_ID: { Ref: pool.id },
        APP_CLIENT_ID: { Ref: client.id },
        MACHINE_CLIENT_IDS: { 'Fn::Join': ['', machineClients.flatMap((id, index) => (index === 0 ? [{ Ref: id }] : [',', { Ref: id }]))] },
        AUTH_TTL_SECONDS: '300',
        NODE_OPTIONS: '--enable-source-maps',
      });
      expect(authorizer.properties.Timeout).toBeLessThan(10);
    });

    it('grants the authorizer nothing beyond logs', () => {
      // Prepare
      const { template } = byDefault;
      const authorizer = only(template, 'AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ USER_POOL_ID: Match.anyValue() }) } });
      const logGroupId = authorizer.properties.LoggingConfig.LogGroup.Ref as string;

      // Act
      const { role, statements } = grantsOf(template, roleIdOf(authorizer.properties.Role));

      // Assess
      expect(role.ManagedPolicyArns ?? []).toEqual([]);
      expect(role.AssumeRolePolicyDocument.Statement).toEqual([
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
      ]);
      expect(statements).toEqual([
        { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } },
      ]);
    });

    it('grants the trigger nothing beyond logs', () => {
      // Prepare
      const { template } = byDefault;
      const trigger = only(template, 'AWS::Lambda::Function', { Description: Match.stringLikeRegexp('Pre Token Generation') });
      const logGroupId = trigger.properties.LoggingConfig.LogGroup.Ref as string;

      // Act
      const { role, statements } = grantsOf(template, roleIdOf(trigger.properties.Role));

      // Assess
      expect(role.ManagedPolicyArns ?? []).toEqual([]);
      expect(statements).toEqual([
        { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } },
      ]);
    });
  });

  describe('data', () => {
    it('creates the table with the keys and indexes of the table design', () => {
      // Act
      const table = only(byDefault.template, 'AWS::DynamoDB::GlobalTable').properties;

      // Assess
      expect(table.KeySchema).toEqual([
        { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
      ]);
      expect(table.GlobalSecondaryIndexes).toEqual(
        TABLE_DESIGN.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: index.projection },
        })),
      );
      const keyAttributes = [TABLE_DESIGN.partitionKey, TABLE_DESIGN.sortKey, ...TABLE_DESIGN.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey])];
      expect(table.AttributeDefinitions).toEqual(keyAttributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })));
    });

    it('bills on demand, keeps point-in-time recovery and encrypts with KMS', () => {
      // Assess
      byDefault.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      });
    });

    it('retains the table and the user pool by default and deletes them under removalPolicy=destroy', () => {
      for (const [{ template }, policy, protection] of [
        [byDefault, 'Retain', true],
        [flagged, 'Delete', false],
      ] as const) {
        // Assess
        template.hasResource('AWS::DynamoDB::GlobalTable', {
          DeletionPolicy: policy,
          UpdateReplacePolicy: policy,
          Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: protection })] }),
        });
        template.hasResource('AWS::Cognito::UserPool', {
          DeletionPolicy: policy,
          Properties: Match.objectLike({ DeletionProtection: protection ? 'ACTIVE' : 'INACTIVE' }),
        });
      }
    });

    it('lets the data source role reach only this table and its indexes', () => {
      // Prepare
      const { template } = byDefault;
      const table = only(template, 'AWS::DynamoDB::GlobalTable');
      const dataSource = only(template, 'AWS::AppSync::DataSource', { Type: 'AMAZON_DYNAMODB' });
      const tableArn = { 'Fn::GetAtt': [table.id, 'Arn'] };

      // Act
      const { role, statements } = grantsOf(template, roleIdOf(dataSource.properties.ServiceRoleArn));

      // Assess
      expect(dataSource.properties.DynamoDBConfig.TableName).toEqual({ Ref: table.id });
      expect(role.ManagedPolicyArns ?? []).toEqual([]);
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement.Effect).toBe('Allow');
        for (const action of asList(statement.Action as string | string[])) expect(action).toMatch(/^dynamodb:[A-Za-z]+$/);
        for (const resource of asList(statement.Resource)) {
          expect([tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }]).toContainEqual(resource);
        }
      }
    });
  });

  it('outputs the GraphQL URL, real-time URL, region, user pool id, client id and table name', () => {
    // Prepare
    const { template } = byDefault;
    const api = only(template, 'AWS::AppSync::GraphQLApi');
    const pool = only(template, 'AWS::Cognito::UserPool');
    const client = only(template, 'AWS::Cognito::UserPoolClient', WEB_CLIENT);

    // Assess
    template.hasOutput(STACK_OUTPUTS.graphqlUrl, { Value: { 'Fn::GetAtt': [api.id, 'GraphQLUrl'] } });
    template.hasOutput(STACK_OUTPUTS.realtimeUrl, { Value: { 'Fn::GetAtt': [api.id, 'RealtimeUrl'] } });
    template.hasOutput(STACK_OUTPUTS.region, { Value: { Ref: 'AWS::Region' } });
    template.hasOutput(STACK_OUTPUTS.userPoolId, { Value: { Ref: pool.id } });
    template.hasOutput(STACK_OUTPUTS.userPoolClientId, { Value: { Ref: client.id } });
    template.hasOutput(STACK_OUTPUTS.tableName, { Value: { Ref: only(template, 'AWS::DynamoDB::GlobalTable').id } });
  });

  it('leaves no cdk-nag AwsSolutions finding unacknowledged', () => {
    for (const { stack } of [byDefault, flagged]) {
      // Act
      const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);

      // Assess
      expect(report.violations.map((violation) => `${violation.ruleName}: ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
      expect(report.success).toBe(true);
    }
  });
});
