/**
 * The DynamoDB table, created from the single-table design the resolvers query
 * (`resolvers/lib/table.ts`), so that keys and indexes are written down exactly once.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2, type GlobalSecondaryIndexPropsV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_DESIGN, type TableDesign } from '../resolvers/lib/table.ts';

export interface HelpdeskDataProps {
  /** What happens to the table (and every ticket) when the stack is deleted. */
  readonly removalPolicy: RemovalPolicy;
  /** The key design; the project's own unless a test passes another. */
  readonly design?: TableDesign;
}

/**
 * The helpdesk table: on-demand, point-in-time recovery, encrypted with the AWS managed key.
 *
 * @example
 * const { table } = new HelpdeskData(this, 'Data', { removalPolicy: RemovalPolicy.RETAIN });
 */
export class HelpdeskData extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: HelpdeskDataProps) {
    super(scope, id);
    const design = props.design ?? TABLE_DESIGN;
    const retain = props.removalPolicy === RemovalPolicy.RETAIN;

    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: design.partitionKey, type: AttributeType.STRING },
      sortKey: { name: design.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: design.globalSecondaryIndexes.map(
        (index): GlobalSecondaryIndexPropsV2 => ({
          indexName: index.indexName,
          partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
          sortKey: { name: index.sortKey, type: AttributeType.STRING },
          projectionType: ProjectionType[index.projection],
        }),
      ),
      // Pay per request: nothing is billed for capacity while the API is idle.
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The AWS managed key (aws/dynamodb): no key to manage or pay for, and its use shows in
      // CloudTrail, unlike the default AWS owned key.
      encryption: TableEncryptionV2.awsManagedKey(),
      // A retained table must not be deleted by accident either.
      deletionProtection: retain,
      removalPolicy: props.removalPolicy,
    });
  }
}
