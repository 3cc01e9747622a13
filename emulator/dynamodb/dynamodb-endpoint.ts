/**
 * Where the emulator's table lives: an in-process dynalite (on disk under the data directory,
 * or in memory), or any DynamoDB-compatible endpoint (`DYNAMODB_ENDPOINT`).
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const require = createRequire(import.meta.url);

/** A running endpoint and a client for it. */
export interface DynamoDbEndpoint {
  readonly url: string;
  readonly client: DynamoDBClient;
  /** Destroys the client, then (for dynalite) closes its server and database, flushing it. */
  close(): Promise<void>;
}

/** Where to put the data. */
export type DynamoDbLocation =
  | { readonly kind: 'dynalite'; readonly path: string | null }
  | { readonly kind: 'endpoint'; readonly url: string };

/** dynalite keeps tables CREATING this long by default; the emulator has no reason to wait. */
const INSTANT_MS = 0;

function clientFor(url: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
}

/**
 * Starts dynalite or connects to an endpoint.
 *
 * @example
 * const dynamo = await openDynamoDb({ kind: 'dynalite', path: '.data/dynamodb' });
 */
export async function openDynamoDb(location: DynamoDbLocation): Promise<DynamoDbEndpoint> {
  if (location.kind === 'endpoint') {
    const client = clientFor(location.url);
    return { url: location.url, client, close: async () => client.destroy() };
  }
  const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server;
  const server = dynalite({
    ...(location.path === null ? {} : { path: location.path }),
    createTableMs: INSTANT_MS,
    deleteTableMs: INSTANT_MS,
    updateTableMs: INSTANT_MS,
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const client = clientFor(url);
  let closing: Promise<void> | undefined;
  return {
    url,
    client,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        client.destroy();
        server.close((error?: Error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
