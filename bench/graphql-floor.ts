/**
 * The emulator's floor: `graphql` executing the same schema (`scripts/appsync-schema.ts`) with
 * plain resolvers that call the same DynamoDB endpoint directly — no authorizer, no sandbox, no
 * AppSync error shaping — behind a bare `node:http` server on 127.0.0.1. Whatever the emulator
 * costs above this is its overhead.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { graphql } from 'graphql';
import { ulid } from 'ulid';
import { toTicket, type TicketItem } from '../resolvers/lib/items.ts';
import { BY_REPORTER } from '../resolvers/lib/table.ts';
import { buildAppSyncSchema } from '../scripts/appsync-schema.ts';

/** The caller the floor pretends to be (it does no authorization). */
export interface FloorCaller {
  readonly sub: string;
  readonly username: string;
  readonly email: string;
  readonly groups: readonly string[];
}

/** A running floor server. */
export interface GraphqlFloor {
  readonly graphqlUrl: string;
  close(): Promise<void>;
}

/** The root resolvers: the same table reads and writes the resolver bundles ask for. */
function rootResolvers(documents: DynamoDBDocumentClient, tableName: string, caller: FloorCaller) {
  const reporter = caller.email.toLowerCase();
  return {
    me: () => ({ sub: caller.sub, username: caller.username, email: caller.email, emailVerified: true, groups: caller.groups, tokenUse: 'ID' }),
    myTickets: async ({ limit, nextToken }: { limit?: number | null; nextToken?: string | null }) => {
      const output = await documents.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: BY_REPORTER.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': BY_REPORTER.partitionKey },
          ExpressionAttributeValues: { ':pk': `REPORTER#${reporter}` },
          ScanIndexForward: false,
          Limit: limit ?? 20,
          ...(nextToken ? { ExclusiveStartKey: JSON.parse(Buffer.from(nextToken, 'base64url').toString('utf8')) } : {}),
        }),
      );
      const last = output.LastEvaluatedKey;
      return {
        items: (output.Items ?? []).map((item) => toTicket(item as TicketItem)),
        nextToken: last === undefined ? null : Buffer.from(JSON.stringify(last)).toString('base64url'),
      };
    },
    openTicket: async ({ input }: { input: { title: string; body: string } }) => {
      const id = ulid();
      const now = new Date().toISOString();
      const sortKey = `${now}#${id}`;
      const item: TicketItem = {
        pk: `TICKET#${id}`,
        sk: 'TICKET',
        gsi1pk: `REPORTER#${reporter}`,
        gsi1sk: sortKey,
        gsi2pk: 'STATUS#OPEN',
        gsi2sk: sortKey,
        gsi3pk: 'TICKET',
        gsi3sk: sortKey,
        type: 'Ticket',
        id,
        title: input.title.trim(),
        body: input.body.trim(),
        status: 'OPEN',
        reporter,
        createdAt: now,
        updatedAt: now,
      };
      await documents.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return toTicket(item);
    },
  };
}

/**
 * Starts the floor server on a free loopback port.
 *
 * @example
 * const floor = await startGraphqlFloor(dynamo.client, 'helpdesk', caller);
 */
export async function startGraphqlFloor(client: DynamoDBClient, tableName: string, caller: FloorCaller): Promise<GraphqlFloor> {
  const schema = buildAppSyncSchema();
  const documents = DynamoDBDocumentClient.from(client);
  const rootValue = rootResolvers(documents, tableName, caller);
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
      void graphql({ schema, source: query, rootValue, variableValues: variables ?? null }).then((result) => {
        const body = JSON.stringify(result);
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        response.end(body);
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
