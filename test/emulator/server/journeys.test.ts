/**
 * Whole journeys over HTTP with the built resolvers: a customer's (open a ticket, page through
 * 25 of their tickets, comment, read it back) and an agent's (list by status, assign, set notes,
 * change status).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { graphql, graphqlOk, persona, signInEveryone, startTestEmulator, type Persona } from './support/emulator-fixture.ts';

interface TicketPage {
  items: Array<{ id: string; title: string; createdAt: string }>;
  nextToken: string | null;
}

describe('Emulator: journeys', () => {
  let emulator: RunningEmulator;
  let customer: Persona;
  let agent: Persona;
  const opened: string[] = [];

  beforeAll(async () => {
    ({ emulator } = await startTestEmulator());
    const personas = await signInEveryone(emulator);
    customer = persona(personas, 'customer@example.com', 'id');
    agent = persona(personas, 'agent@example.com', 'access');
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it("a customer opens tickets, pages through their 25 tickets, comments and reads it back", async () => {
    // Prepare
    for (let index = 0; index < 25; index += 1) {
      const data = await graphqlOk(emulator, customer.token, 'mutation Open($input: OpenTicketInput!) { openTicket(input: $input) { id status reporter } }', {
        input: { title: `Ticket ${index}`, body: `Body ${index}` },
      });
      const ticket = data.openTicket as { id: string; status: string; reporter: string };
      expect(ticket).toMatchObject({ status: 'OPEN', reporter: 'customer@example.com' });
      opened.push(ticket.id);
    }

    // Act
    const pages: TicketPage[] = [];
    let nextToken: string | null = null;
    do {
      const data = await graphqlOk(emulator, customer.token, 'query Mine($nextToken: String) { myTickets(limit: 10, nextToken: $nextToken) { items { id title createdAt } nextToken } }', { nextToken });
      const page = data.myTickets as TicketPage;
      pages.push(page);
      nextToken = page.nextToken;
    } while (nextToken !== null && pages.length < 10);
    const first = opened[0] as string;
    const comment = await graphqlOk(emulator, customer.token, 'mutation Comment($id: ID!) { addComment(ticketId: $id, body: "Still broken") { id ticketId author body } }', { id: first });
    const readBack = await graphqlOk(emulator, customer.token, 'query Read($id: ID!) { ticket(id: $id) { id title comments { body author } } }', { id: first });

    // Assess
    const listed = pages.flatMap((page) => page.items.map((item) => item.id));
    expect(pages.map((page) => page.items.length)).toEqual([10, 10, 5]);
    expect(new Set(listed)).toEqual(new Set(opened));
    expect(listed).toEqual([...opened].reverse());
    expect(comment.addComment).toMatchObject({ ticketId: first, author: 'customer@example.com', body: 'Still broken' });
    expect(readBack.ticket).toEqual({ id: first, title: 'Ticket 0', comments: [{ body: 'Still broken', author: 'customer@example.com' }] });
  });

  it('an agent lists open tickets, assigns one, sets notes and changes its status', async () => {
    // Prepare
    const data = await graphqlOk(emulator, customer.token, 'mutation { openTicket(input: { title: "Agent journey", body: "Help" }) { id } }');
    const id = (data.openTicket as { id: string }).id;

    // Act
    const open = await graphqlOk(emulator, agent.token, 'query Open { tickets(status: OPEN, limit: 100) { items { id status } nextToken } }');
    const assigned = await graphqlOk(emulator, agent.token, 'mutation Assign($id: ID!) { assignTicket(id: $id, assignee: "agent@example.com") { id assignee } }', { id });
    const noted = await graphqlOk(emulator, agent.token, 'mutation Notes($id: ID!) { setInternalNotes(id: $id, notes: "Call back Monday") { id internalNotes } }', { id });
    const moved = await graphqlOk(emulator, agent.token, 'mutation Status($id: ID!) { setTicketStatus(id: $id, status: IN_PROGRESS) { id status assignee internalNotes } }', { id });
    const inProgress = await graphqlOk(emulator, agent.token, 'query Busy { tickets(status: IN_PROGRESS) { items { id status } } }');
    const asCustomer = await graphql(emulator, customer.token, 'query Read($id: ID!) { ticket(id: $id) { id status assignee internalNotes } }', { id });

    // Assess
    const openIds = (open.tickets as TicketPage).items.map((item) => item.id);
    expect(openIds).toContain(id);
    expect((open.tickets as { items: Array<{ status: string }> }).items.every((item) => item.status === 'OPEN')).toBe(true);
    expect(assigned.assignTicket).toEqual({ id, assignee: 'agent@example.com' });
    expect(noted.setInternalNotes).toEqual({ id, internalNotes: 'Call back Monday' });
    expect(moved.setTicketStatus).toEqual({ id, status: 'IN_PROGRESS', assignee: 'agent@example.com', internalNotes: 'Call back Monday' });
    expect((inProgress.tickets as TicketPage).items.map((item) => item.id)).toEqual([id]);
    expect(asCustomer.body.data).toEqual({ ticket: { id, status: 'IN_PROGRESS', assignee: 'agent@example.com', internalNotes: null } });
    expect(asCustomer.body.errors).toEqual([
      expect.objectContaining({ path: ['ticket', 'internalNotes'], errorType: 'Unauthorized', message: 'Not Authorized to access internalNotes on type Ticket' }),
    ]);
  });
});
