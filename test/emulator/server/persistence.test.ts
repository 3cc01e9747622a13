/**
 * Data survives a restart on the same data directory (tickets, and the pool's keys: tokens stay
 * valid); `close()` loses no acknowledged write; `inMemory` writes nothing to disk.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { openDynamoDb } from '../../../emulator/dynamodb/dynamodb-endpoint.ts';
import { graphql, graphqlOk, PASSWORD, startTestEmulator } from './support/emulator-fixture.ts';

describe('Emulator: persistence', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-persistence-'));
    dirs.push(dir);
    return dir;
  };

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps tickets and keys across a restart on the same data directory', async () => {
    // Prepare
    const dataDir = tempDir();
    const { emulator: first } = await startTestEmulator({ dataDir });
    const { idToken } = await first.identityProvider.signIn('customer@example.com', PASSWORD);
    const data = await graphqlOk(first, idToken, 'mutation { openTicket(input: { title: "Survives", body: "a restart" }) { id } }');
    const id = (data.openTicket as { id: string }).id;
    await first.close();

    // Act
    const { emulator: second } = await startTestEmulator({ dataDir });
    try {
      const read = await graphqlOk(second, idToken, 'query($id: ID!) { ticket(id: $id) { id title } }', { id });

      // Assess
      expect(read.ticket).toEqual({ id, title: 'Survives' });
    } finally {
      await second.close();
    }
  });

  it('loses no acknowledged write when closed while requests are in flight', async () => {
    // Prepare
    const dataDir = tempDir();
    const { emulator: first } = await startTestEmulator({ dataDir });
    const { idToken } = await first.identityProvider.signIn('customer@example.com', PASSWORD);
    await graphqlOk(first, idToken, '{ me { username } }');

    // Act
    const writes = Array.from({ length: 30 }, (_, index) =>
      graphql(first, idToken, 'mutation($input: OpenTicketInput!) { openTicket(input: $input) { id } }', { input: { title: `In flight ${index}`, body: 'x' } })
        .then((answer) => (answer.status === 200 && answer.body.errors === undefined ? (answer.body.data?.openTicket as { id: string }).id : null))
        .catch(() => null),
    );
    // Close as soon as the first write is acknowledged, with the others still in flight.
    await Promise.race(writes);
    await first.close();
    const acknowledged = (await Promise.all(writes)).filter((id): id is string => id !== null);
    const { emulator: second } = await startTestEmulator({ dataDir });
    try {
      const listed: string[] = [];
      let nextToken: string | null = null;
      do {
        const page = await graphqlOk(second, idToken, 'query($nextToken: String) { myTickets(limit: 100, nextToken: $nextToken) { items { id } nextToken } }', { nextToken });
        const connection = page.myTickets as { items: Array<{ id: string }>; nextToken: string | null };
        listed.push(...connection.items.map((item) => item.id));
        nextToken = connection.nextToken;
      } while (nextToken !== null);

      // Assess
      expect(acknowledged.length).toBeGreaterThan(0);
      for (const id of acknowledged) expect(listed).toContain(id);
    } finally {
      await second.close();
    }
  });

  it('keeps its table at DYNAMODB_ENDPOINT when given one', async () => {
    // Prepare
    const external = await openDynamoDb({ kind: 'dynalite', path: null });
    try {
      const { emulator } = await startTestEmulator({ dynamodbEndpoint: external.url, tableName: 'external-helpdesk' });
      const { idToken } = await emulator.identityProvider.signIn('customer@example.com', PASSWORD);

      // Act
      const data = await graphqlOk(emulator, idToken, 'mutation { openTicket(input: { title: "Elsewhere", body: "x" }) { id } }');
      await emulator.close();
      const scanned = await external.client.send(new ScanCommand({ TableName: 'external-helpdesk' }));

      // Assess
      const id = (data.openTicket as { id: string }).id;
      expect(scanned.Items?.some((item) => item.title?.S === 'Elsewhere' && JSON.stringify(item).includes(id))).toBe(true);
    } finally {
      await external.close();
    }
  });

  it('writes nothing to the data directory in memory', async () => {
    // Prepare
    const dataDir = tempDir();
    const { emulator } = await startTestEmulator({ dataDir, inMemory: true });
    const { idToken } = await emulator.identityProvider.signIn('customer@example.com', PASSWORD);

    // Act
    await graphqlOk(emulator, idToken, 'mutation { openTicket(input: { title: "Gone", body: "soon" }) { id } }');
    await emulator.close();

    // Assess
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
