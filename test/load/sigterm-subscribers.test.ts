/**
 * SIGTERM with live subscribers, on the emulator as a developer runs it (a child process on a
 * data directory): subscribers connected over `wss://` (trusting the certificate the emulator
 * keeps in `<data dir>/tls/`), writes acknowledged and delivered, then SIGTERM. Every subscriber
 * must get a clean close frame (1001 going away, or 1000), as must a socket that never sent
 * `connection_init`; the process must exit 0; and after a restart on the same data directory
 * every acknowledged write must read back.
 */
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CERTIFICATE_FILE } from '../../emulator/tls/index.ts';
import { connectSubscriber, isEvent, type RealtimeTarget, type Subscriber } from '../emulator/subscriptions/support/subscriber.ts';
import { freePort, startEmulatorProcess, type EmulatorProcess } from './emulator-process.ts';

const PASSWORD = 'Passw0rd!';
const WRITES = 5;

async function signIn(baseUrl: string, email: string): Promise<string> {
  // No credentials: InitiateAuth is unsigned in the SDK.
  const client = new CognitoIdentityProviderClient({ endpoint: `${baseUrl}/`, region: 'us-east-1' });
  const answer = await client.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'localdevclient', AuthParameters: { USERNAME: email, PASSWORD: PASSWORD } }));
  client.destroy();
  const token = answer.AuthenticationResult?.IdToken;
  if (token === undefined) throw new Error(`${email} could not sign in`);
  return token;
}

async function graphql(baseUrl: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (response.status !== 200 || body.errors !== undefined) throw new Error(`expected success, got ${response.status} ${JSON.stringify(body)}`);
  return body.data as Record<string, unknown>;
}

describe('Load: SIGTERM with live subscribers', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-sigterm-'));
  let emulator: EmulatorProcess | null = null;

  afterAll(async () => {
    await emulator?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('closes every subscriber socket cleanly, exits 0, and keeps every acknowledged write across a restart', async () => {
    // Prepare
    const port = await freePort();
    emulator = await startEmulatorProcess({ port, dataDir });
    const target: RealtimeTarget = { realtimeUrl: `wss://127.0.0.1:${port}/graphql/realtime`, ca: readFileSync(join(dataDir, 'tls', CERTIFICATE_FILE), 'utf8') };
    const customer = await signIn(emulator.url, 'customer@example.com');
    const agent = await signIn(emulator.url, 'agent@example.com');
    const admin = await signIn(emulator.url, 'admin@example.com');
    const first = (await graphql(emulator.url, customer, 'mutation { openTicket(input: { title: "Watched through SIGTERM", body: "x" }) { id } }')).openTicket as { id: string };
    const subscribers: Subscriber[] = [];
    const subscribe = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<Subscriber> => {
      const client = await connectSubscriber(target, token);
      subscribers.push(client);
      expect(await client.start('s', query, variables)).toEqual({ type: 'start_ack', id: 's' });
      return client;
    };
    const activity = await subscribe(agent, 'subscription { onTicketActivity { id title } }');
    const changed = await subscribe(customer, 'subscription($id: ID!) { onTicketChanged(id: $id) { id status } }', { id: first.id });
    const comments = await subscribe(admin, 'subscription($id: ID!) { onCommentAdded(ticketId: $id) { id body } }', { id: first.id });
    const opened: string[] = [first.id];
    const commented: string[] = [];
    for (let index = 0; index < WRITES; index += 1) {
      opened.push(((await graphql(emulator.url, customer, 'mutation($title: String!) { openTicket(input: { title: $title, body: "x" }) { id title } }', { title: `Before SIGTERM ${index}` })).openTicket as { id: string }).id);
      commented.push(((await graphql(emulator.url, customer, 'mutation($id: ID!, $body: String!) { addComment(ticketId: $id, body: $body) { id ticketId body } }', { id: first.id, body: `Comment ${index}` })).addComment as { id: string }).id);
    }
    await graphql(emulator.url, agent, 'mutation($id: ID!) { setTicketStatus(id: $id, status: IN_PROGRESS) { id status } }', { id: first.id });
    await activity.waitFor((frame) => isEvent(frame, 's', 'onTicketActivity', (value) => value.id === opened.at(-1)), 'the last openTicket');
    await changed.waitFor((frame) => isEvent(frame, 's', 'onTicketChanged', (value) => value.status === 'IN_PROGRESS'), 'the status change');
    await comments.waitFor((frame) => isEvent(frame, 's', 'onCommentAdded', (value) => value.id === commented.at(-1)), 'the last comment');

    // A socket that never sent connection_init is shut down cleanly too.
    const idle = new WebSocket(target.realtimeUrl, ['graphql-ws'], { ca: target.ca ?? undefined });
    const idleClosed = new Promise<number>((resolve) => idle.once('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      idle.once('open', () => resolve());
      idle.once('error', reject);
    });

    // Act
    const exitCode = await emulator.stop();
    const closes = await Promise.all(subscribers.map((client) => client.closed));
    const idleCode = await idleClosed;
    emulator = await startEmulatorProcess({ port, dataDir });
    const readBack = await Promise.all(opened.map(async (id) => (await graphql(emulator!.url, admin, 'query($id: ID!) { ticket(id: $id) { id status comments { id } } }', { id })).ticket));

    // Assess
    expect(exitCode).toBe(0);
    for (const close of closes) expect([1000, 1001]).toContain(close.code);
    expect([1000, 1001]).toContain(idleCode);
    expect(readBack.map((ticket) => (ticket as { id: string }).id)).toEqual(opened);
    expect(readBack[0]).toMatchObject({ id: first.id, status: 'IN_PROGRESS' });
    expect(((readBack[0] as { comments: Array<{ id: string }> }).comments.map((item) => item.id)).sort()).toEqual([...commented].sort());
  }, 90_000);
});
