/**
 * Fan-out under concurrency, against the running emulator over real sockets: 22 connections
 * holding 85 subscriptions (onTicketActivity, onTicketChanged and onCommentAdded on five
 * tickets), while nine chains of mutations from five clients (agent, admin, the triage machine,
 * two customers) run at once. Per ticket and field one client writes, each write awaiting the
 * previous one's acknowledgement, so that ticket's order is defined; the chains interleave freely.
 *
 * Every subscription must get every event its filter matches exactly once, in acknowledgement
 * order per ticket, and nothing else. Completeness is checked without timers: after all chains,
 * one barrier write per ticket and field goes out, one after the other; a subscription is read
 * once its last barrier is in, and a socket delivers in order, so whatever was published to it
 * before has arrived too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { graphqlOk, PASSWORD, startTestEmulator } from '../server/support/emulator-fixture.ts';
import { connectSubscriber, type RealtimeTarget, type ServerFrame, type Subscriber } from './support/subscriber.ts';
import { clientCredentialsToken } from './support/subscription-personas.ts';

const CHAIN_LENGTH = 6;
const STAFF_CONNECTIONS = 20;
const TICKET_FIELDS = 'id assignee status';
const COMMENT_FIELDS = 'id ticketId author body';
const STATUSES = ['IN_PROGRESS', 'RESOLVED', 'OPEN'] as const;

type Value = Record<string, unknown>;

/** One subscription under test: where it lives, and what it must end with. */
interface Watched {
  readonly client: Subscriber;
  readonly id: string;
  readonly field: 'onTicketActivity' | 'onTicketChanged' | 'onCommentAdded';
  /** The ticket of its filter, or `null` for onTicketActivity. */
  readonly ticketId: string | null;
}

const same = (left: unknown, right: unknown): boolean => JSON.stringify(left) === JSON.stringify(right);

function valuesOf(watched: Watched): Value[] {
  return watched.client.events(watched.id).map((payload) => {
    expect(payload.errors).toBeUndefined();
    return payload.data?.[watched.field] as Value;
  });
}

describe('Subscriptions: fan-out', () => {
  let emulator: RunningEmulator;
  let target: RealtimeTarget;
  const tokens: Record<string, string> = {};
  const clients: Subscriber[] = [];

  beforeAll(async () => {
    ({ emulator } = await startTestEmulator());
    target = { realtimeUrl: emulator.realtimeUrl, ca: emulator.certificate.cert };
    for (const user of ['customer', 'other', 'agent', 'admin']) {
      const signedIn = await emulator.identityProvider.signIn(`${user}@example.com`, PASSWORD);
      tokens[`${user}/id`] = signedIn.idToken;
      tokens[`${user}/access`] = signedIn.accessToken;
    }
    tokens.triage = await clientCredentialsToken(emulator, 'localtriageclient', 'triage-secret');
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await emulator?.close();
  });

  it('delivers every matching event exactly once, in per-ticket acknowledgement order, and nothing else', async () => {
    // Prepare
    const open = async (reporter: string, title: string): Promise<string> =>
      ((await graphqlOk(emulator, tokens[`${reporter}/id`] as string, 'mutation($title: String!) { openTicket(input: { title: $title, body: "Fan-out" }) { id } }', { title })).openTicket as { id: string }).id;
    const tickets = [await open('customer', 'T0'), await open('customer', 'T1'), await open('other', 'T2'), await open('other', 'T3'), await open('customer', 'T4')];
    const ticket = (index: number): string => tickets[index % tickets.length] as string;
    const watched: Watched[] = [];
    const subscribe = async (client: Subscriber, id: string, field: Watched['field'], ticketId: string | null, token?: string): Promise<void> => {
      const query =
        field === 'onTicketActivity'
          ? `subscription { onTicketActivity { ${TICKET_FIELDS} } }`
          : field === 'onTicketChanged'
            ? `subscription($id: ID!) { onTicketChanged(id: $id) { ${TICKET_FIELDS} } }`
            : `subscription($id: ID!) { onCommentAdded(ticketId: $id) { ${COMMENT_FIELDS} } }`;
      expect(await client.start(id, query, ticketId === null ? {} : { id: ticketId }, token)).toEqual({ type: 'start_ack', id });
      watched.push({ client, id, field, ticketId });
    };
    const staffTokens = ['agent/id', 'agent/access', 'admin/id', 'admin/access'];
    for (let index = 0; index < STAFF_CONNECTIONS; index += 1) {
      const client = await connectSubscriber(target, tokens[staffTokens[index % staffTokens.length] as string] as string);
      clients.push(client);
      await subscribe(client, 'activity', 'onTicketActivity', null);
      await subscribe(client, 'changed-a', 'onTicketChanged', ticket(index));
      await subscribe(client, 'changed-b', 'onTicketChanged', ticket(index + 2));
      await subscribe(client, 'comments', 'onCommentAdded', tickets[index % 4] as string);
    }
    const customer = await connectSubscriber(target, tokens['customer/id'] as string);
    const other = await connectSubscriber(target, tokens['other/id'] as string);
    clients.push(customer, other);
    await subscribe(customer, 'changed-0', 'onTicketChanged', ticket(0));
    await subscribe(customer, 'changed-4', 'onTicketChanged', ticket(4));
    await subscribe(customer, 'comments-1', 'onCommentAdded', ticket(1));
    await subscribe(other, 'changed-2', 'onTicketChanged', ticket(2));
    await subscribe(other, 'comments-3', 'onCommentAdded', ticket(3));

    /** What each write acknowledged, per ticket, in acknowledgement order. */
    const ticketWrites = new Map<string, Value[]>(tickets.map((id) => [id, []]));
    const commentWrites = new Map<string, Value[]>(tickets.map((id) => [id, []]));
    const assign = async (token: string, ticketId: string, assignee: string): Promise<void> => {
      const data = await graphqlOk(emulator, token, `mutation($id: ID!, $assignee: AWSEmail!) { assignTicket(id: $id, assignee: $assignee) { ${TICKET_FIELDS} } }`, { id: ticketId, assignee });
      ticketWrites.get(ticketId)?.push(data.assignTicket as Value);
    };
    const setStatus = async (token: string, ticketId: string, status: string): Promise<void> => {
      const data = await graphqlOk(emulator, token, `mutation($id: ID!, $status: TicketStatus!) { setTicketStatus(id: $id, status: $status) { ${TICKET_FIELDS} } }`, { id: ticketId, status });
      ticketWrites.get(ticketId)?.push(data.setTicketStatus as Value);
    };
    const comment = async (token: string, ticketId: string, body: string): Promise<void> => {
      const data = await graphqlOk(emulator, token, `mutation($id: ID!, $body: String!) { addComment(ticketId: $id, body: $body) { ${COMMENT_FIELDS} } }`, { id: ticketId, body });
      commentWrites.get(ticketId)?.push(data.addComment as Value);
    };
    const chain = async (write: (step: number) => Promise<void>): Promise<void> => {
      for (let step = 0; step < CHAIN_LENGTH; step += 1) await write(step);
    };

    // Act
    await Promise.all([
      chain((step) => assign(tokens['agent/id'] as string, ticket(0), `agent-t0-${step}@example.com`)),
      chain((step) => assign(tokens['agent/access'] as string, ticket(1), `agent-t1-${step}@example.com`)),
      chain((step) => assign(tokens['admin/id'] as string, ticket(2), `admin-t2-${step}@example.com`)),
      chain((step) => assign(tokens['admin/access'] as string, ticket(3), `admin-t3-${step}@example.com`)),
      chain((step) => setStatus(tokens.triage as string, ticket(4), STATUSES[step % STATUSES.length] as string)),
      chain((step) => comment(tokens['customer/id'] as string, ticket(0), `customer-t0-${step}`)),
      chain((step) => comment(tokens['customer/id'] as string, ticket(1), `customer-t1-${step}`)),
      chain((step) => comment(tokens['other/id'] as string, ticket(2), `other-t2-${step}`)),
      chain((step) => comment(tokens['agent/id'] as string, ticket(3), `agent-t3-${step}`)),
    ]);
    for (const ticketId of tickets.slice(0, 4)) await comment(tokens['admin/id'] as string, ticketId, `barrier-${ticketId}`);
    for (const ticketId of tickets) await setStatus(tokens['admin/id'] as string, ticketId, 'CLOSED');
    const lastOf = (writes: Map<string, Value[]>, ticketId: string): Value => (writes.get(ticketId) ?? []).at(-1) as Value;
    const lastTicketWrite = lastOf(ticketWrites, ticket(4));
    await Promise.all(
      watched.map((entry) => {
        const barrier = entry.field === 'onCommentAdded' ? lastOf(commentWrites, entry.ticketId as string) : entry.ticketId === null ? lastTicketWrite : lastOf(ticketWrites, entry.ticketId);
        return entry.client.waitFor(
          (frame: ServerFrame) => frame.type === 'data' && frame.id === entry.id && same((frame.payload as { data?: Value }).data?.[entry.field], barrier),
          `the last event of ${entry.id}`,
        );
      }),
    );

    // Assess
    const allTicketWrites = [...ticketWrites.values()].flat();
    expect(allTicketWrites).toHaveLength(5 * CHAIN_LENGTH + 5);
    for (const entry of watched) {
      const received = valuesOf(entry);
      if (entry.field === 'onTicketActivity') {
        expect(received).toHaveLength(allTicketWrites.length);
        for (const ticketId of tickets) expect(received.filter((value) => value.id === ticketId)).toEqual(ticketWrites.get(ticketId));
      } else {
        const writes = entry.field === 'onCommentAdded' ? commentWrites : ticketWrites;
        expect(received).toEqual(writes.get(entry.ticketId as string));
      }
    }
    for (const client of clients) expect(client.frames().filter((frame) => frame.type !== 'data' && frame.type !== 'start_ack' && frame.type !== 'connection_ack')).toEqual([]);
  });
});
