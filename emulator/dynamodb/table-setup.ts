/**
 * Creates the API's table from the single-table design of `resolvers/lib/table.ts` (the same
 * module the CDK stack reads) when it does not exist yet, and waits until it is active.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { TABLE_DESIGN } from '../../resolvers/lib/table.ts';

function isMissing(error: unknown): boolean {
  return error instanceof ResourceNotFoundException || (error as { name?: string }).name === 'ResourceNotFoundException';
}

async function status(client: DynamoDBClient, tableName: string): Promise<string | null> {
  try {
    const output = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return output.Table?.TableStatus ?? null;
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/**
 * @example
 * await ensureTable(client, 'helpdesk');
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  if ((await status(client, tableName)) === null) {
    const keyNames = new Set<string>([TABLE_DESIGN.partitionKey, TABLE_DESIGN.sortKey]);
    for (const index of TABLE_DESIGN.globalSecondaryIndexes) {
      keyNames.add(index.partitionKey);
      keyNames.add(index.sortKey);
    }
    try {
      await client.send(new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...keyNames].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE_DESIGN.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: index.projection },
        })),
      }));
    } catch (error) {
      // Another process may have created it in between.
      if ((error as { name?: string }).name !== 'ResourceInUseException') throw error;
    }
  }
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if ((await status(client, tableName)) === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Table ${tableName} did not become ACTIVE`);
}
