/**
 * Attaches every resolver and pipeline function of the build to the API, as APPSYNC_JS code
 * inlined byte for byte from the bundles.
 */
import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { AppsyncFunction, Code, FunctionRuntime, type BaseDataSource, type GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { environmentValues, type DataSourceKind } from '../scripts/resolver-manifest.ts';
import type { ResolverBundles } from './resolver-bundles.ts';

export interface HelpdeskResolversProps {
  readonly api: GraphqlApi;
  readonly table: ITableV2;
  /** The build's resolvers and the API environment variables they read. */
  readonly bundles: ResolverBundles;
}

/**
 * The data sources (created only when a resolver uses them) and the resolvers.
 *
 * @example
 * new HelpdeskResolvers(this, 'Resolvers', { api, table, bundles: loadResolverBundles() });
 */
export class HelpdeskResolvers extends Construct {
  private readonly dataSources = new Map<DataSourceKind, BaseDataSource>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: HelpdeskResolversProps,
  ) {
    super(scope, id);

    // `ctx.env` of every resolver, filled as the emulator fills it: the only value the build asks
    // for is the table's name, which batch requests must spell out.
    for (const [name, value] of Object.entries(environmentValues(props.bundles.environment, { tableName: props.table.tableName }))) {
      props.api.addEnvironmentVariable(name, value);
    }

    for (const resolver of props.bundles.resolvers) {
      const coordinate = `${resolver.typeName}.${resolver.fieldName}`;
      if (resolver.kind === 'UNIT') {
        this.dataSource(resolver.dataSource).createResolver(`Resolver-${coordinate}`, {
          typeName: resolver.typeName,
          fieldName: resolver.fieldName,
          runtime: FunctionRuntime.JS_1_0_0,
          code: Code.fromInline(resolver.code),
        });
        continue;
      }
      const pipelineConfig = resolver.functions.map(
        (fn) =>
          new AppsyncFunction(this, `Function-${coordinate}-${fn.name}`, {
            api: props.api,
            name: fn.name,
            dataSource: this.dataSource(fn.dataSource),
            runtime: FunctionRuntime.JS_1_0_0,
            code: Code.fromInline(fn.code),
          }),
      );
      props.api.createResolver(`Resolver-${coordinate}`, {
        typeName: resolver.typeName,
        fieldName: resolver.fieldName,
        runtime: FunctionRuntime.JS_1_0_0,
        code: Code.fromInline(resolver.code),
        pipelineConfig,
      });
    }
  }

  private dataSource(kind: DataSourceKind): BaseDataSource {
    const existing = this.dataSources.get(kind);
    if (existing !== undefined) return existing;
    // Typed to cover every kind of the manifest format: a new kind does not compile until it has its data source here.
    const create: Readonly<Record<DataSourceKind, () => BaseDataSource>> = {
      NONE: () => this.props.api.addNoneDataSource('NoneDataSource', { description: 'Local resolvers: no data source call' }),
      TABLE: () => this.addTableDataSource(),
    };
    const created = create[kind]();
    this.dataSources.set(kind, created);
    return created;
  }

  private addTableDataSource(): BaseDataSource {
    const dataSource = this.props.api.addDynamoDbDataSource('TableDataSource', this.props.table, {
      description: 'The helpdesk table',
    });
    // CDK grants the data source role read/write on the table and on `<table arn>/index/*`.
    const tableLogicalId = Stack.of(this).getLogicalId(this.props.table.node.defaultChild as CfnElement);
    Validations.of(dataSource).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
      reason:
        'The wildcard covers the global secondary indexes of this one table, which the resolvers query ' +
        '(byReporter, byStatus, allTickets); the role reaches no other table.',
    });
    return dataSource;
  }
}
