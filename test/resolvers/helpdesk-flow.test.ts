/**
 * The resolvers end to end: the built bundles behind the emulator's GraphQL endpoint, the real
 * authorizer in front, and the table in dynalite. The unit tests pin each request; this checks
 * that the requests, keys and indexes work together on a real DynamoDB implementation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.ts';

interface GraphQLAnswer {
  data: Record<string, unknown> | null;
  errors?: Array<{ errorType: string; message: string; path: string[] }>;
}

let emulator: RunningEmulator;
const tokens: Record<string, string> = {};

async function graphql(persona: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer> {
  const response = await fetch(emulator.graphqlUrl, {
    method: 'POST',
    headers: { authorization: tokens[persona] ?? '', 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as GraphQLAnswer;
}

async function openTicket(persona: string, title: string): Promise<string> {
  const answer = await graphql(persona, 'mutation($input: OpenTicketInput!) { openTicket(input: $input) { id } }', { input: { title, body: 'Details.' } });
  expect(answer.errors).toBeUndefined();
  return (answer.data?.openTicket as { id: string }).id;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, inMemory: true, log: () => undefined });
  for (const persona of ['customer', 'other', 'agent', 'admin']) {
    tokens[persona] = (await emulator.identityProvider.signIn(`${persona}@example.com`, 'Passw0rd!')).idToken;
  }
});

afterAll(async () => {
  await emulator?.close();
});

describe('Resolvers: the helpdesk through the emulator', () => {
  it('lets the reporter and staff read a ticket and its comments, and refuses another customer', async () => {
    // Prepare
    const id = await openTicket('customer', 'Printer on fire');
    await graphql('customer', 'mutation($id: ID!) { addComment(ticketId: $id, body: "Still burning.") { id } }', { id });
    await graphql('agent', 'mutation($id: ID!) { addComment(ticketId: $id, body: "On it.") { id } }', { id });
    const query = 'query($id: ID!) { ticket(id: $id) { id reporter comments { author body } } }';

    // Act
    const [reporter, agent, other] = [await graphql('customer', query, { id }), await graphql('agent', query, { id }), await graphql('other', query, { id })];

    // Assess
    const expected = { id, reporter: 'customer@example.com', comments: [{ author: 'customer@example.com', body: 'Still burning.' }, { author: 'agent@example.com', body: 'On it.' }] };
    expect(reporter.data).toEqual({ ticket: expected });
    expect(agent.data).toEqual({ ticket: expected });
    expect(other.data).toEqual({ ticket: null });
    expect(other.errors?.map((error) => error.errorType)).toEqual(['Unauthorized']);
  });

  it('gives a clear error for a comment on a missing ticket', async () => {
    // Act
    const answer = await graphql('customer', 'mutation { addComment(ticketId: "01J00000000000000000000000", body: "Hello") { id } }');

    // Assess
    expect(answer.errors?.map((error) => [error.errorType, error.message])).toEqual([
      ['NotFound', 'Ticket 01J00000000000000000000000 does not exist: there is nothing to comment on.'],
    ]);
  });

  it('refuses a 201-character title with a ValidationError', async () => {
    // Act
    const answer = await graphql('customer', 'mutation($input: OpenTicketInput!) { openTicket(input: $input) { id } }', { input: { title: 'x'.repeat(201), body: 'b' } });

    // Assess
    expect(answer.errors?.map((error) => error.errorType)).toEqual(['ValidationError']);
  });

  it("pages through the reporter's tickets newest first", async () => {
    // Prepare
    const ids = [await openTicket('other', 'First'), await openTicket('other', 'Second'), await openTicket('other', 'Third')];
    const query = 'query($nextToken: String) { myTickets(limit: 2, nextToken: $nextToken) { items { id } nextToken } }';

    // Act
    const first = (await graphql('other', query)).data?.myTickets as { items: Array<{ id: string }>; nextToken: string | null };
    const second = (await graphql('other', query, { nextToken: first.nextToken })).data?.myTickets as { items: Array<{ id: string }>; nextToken: string | null };

    // Assess
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual([...ids].reverse());
    expect(first.nextToken).toEqual(expect.any(String));
    expect(second.nextToken).toBeNull();
  });

  it('moves a ticket between status lists', async () => {
    // Prepare
    const id = await openTicket('customer', 'Status change');

    // Act
    await graphql('agent', 'mutation($id: ID!) { setTicketStatus(id: $id, status: RESOLVED) { id } }', { id });
    const resolved = await graphql('agent', 'query { tickets(status: RESOLVED, limit: 100) { items { id status } } }');
    const open = await graphql('agent', 'query { tickets(status: OPEN, limit: 100) { items { id } } }');

    // Assess
    expect((resolved.data?.tickets as { items: Array<{ id: string; status: string }> }).items).toContainEqual({ id, status: 'RESOLVED' });
    expect((open.data?.tickets as { items: Array<{ id: string }> }).items.map((item) => item.id)).not.toContain(id);
  });

  it('deletes a ticket with its comments, after which nothing can update or comment on it', async () => {
    // Prepare
    const id = await openTicket('customer', 'To delete');
    await graphql('customer', 'mutation($id: ID!) { addComment(ticketId: $id, body: "One") { id } }', { id });
    await graphql('agent', 'mutation($id: ID!) { addComment(ticketId: $id, body: "Two") { id } }', { id });

    // Act
    const deleted = await graphql('admin', 'mutation($id: ID!) { deleteTicket(id: $id) { id comments { id } } }', { id });
    const again = await graphql('admin', 'mutation($id: ID!) { deleteTicket(id: $id) { id } }', { id });
    const update = await graphql('agent', 'mutation($id: ID!) { assignTicket(id: $id, assignee: "agent@example.com") { id } }', { id });
    const comment = await graphql('customer', 'mutation($id: ID!) { addComment(ticketId: $id, body: "Two") { id } }', { id });
    const read = await graphql('admin', 'query($id: ID!) { ticket(id: $id) { id } }', { id });

    // Assess
    // Ticket.comments resolves after the delete: the comments went with the ticket.
    expect(deleted).toEqual({ data: { deleteTicket: { id, comments: [] } } });
    expect(again).toEqual({ data: { deleteTicket: null } });
    expect(update.errors?.map((error) => error.errorType)).toEqual(['NotFound']);
    expect(comment.errors?.map((error) => error.errorType)).toEqual(['NotFound']);
    expect(read).toEqual({ data: { ticket: null } });
  });
});
