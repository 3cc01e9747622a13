/**
 * Every seeded user × {ID token, access token} × every Query and Mutation field, with
 * `Ticket.internalNotes` selected wherever a ticket comes back: allowed or refused exactly as
 * `policy/rules.ts` says, with AppSync's error shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_FIELDS } from '../../../policy/index.ts';
import { isFieldAllowed } from '../../../policy/index.ts';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { expectedIdentity, expectedOutcome } from './support/expected-access.ts';
import { graphql, graphqlOk, persona, SEEDED_USERS, signInEveryone, startTestEmulator, type Persona } from './support/emulator-fixture.ts';

const TICKET = 'id title status reporter assignee internalNotes comments { id body author }';
const REPORTER = 'customer@example.com';

/** One operation per root field; `$ticketId` is a ticket reported by the customer. */
const OPERATIONS: Readonly<Record<string, { query: string; returnsTicket: 'one' | 'page' | 'none' }>> = {
  'Query.me': { query: 'query Me { me { sub username email emailVerified groups tokenUse } }', returnsTicket: 'none' },
  'Query.ticket': { query: `query Ticket($ticketId: ID!) { ticket(id: $ticketId) { ${TICKET} } }`, returnsTicket: 'one' },
  'Query.myTickets': { query: `query Mine { myTickets(limit: 3) { items { ${TICKET} } nextToken } }`, returnsTicket: 'page' },
  'Query.tickets': { query: `query All { tickets(limit: 3) { items { ${TICKET} } nextToken } }`, returnsTicket: 'page' },
  'Mutation.openTicket': { query: `mutation Open { openTicket(input: { title: "Matrix", body: "A ticket" }) { ${TICKET} } }`, returnsTicket: 'one' },
  'Mutation.addComment': { query: 'mutation Comment($ticketId: ID!) { addComment(ticketId: $ticketId, body: "A comment") { id ticketId author body } }', returnsTicket: 'none' },
  'Mutation.assignTicket': { query: `mutation Assign($ticketId: ID!) { assignTicket(id: $ticketId, assignee: "agent@example.com") { ${TICKET} } }`, returnsTicket: 'one' },
  'Mutation.setTicketStatus': { query: `mutation Status($ticketId: ID!) { setTicketStatus(id: $ticketId, status: IN_PROGRESS) { ${TICKET} } }`, returnsTicket: 'one' },
  'Mutation.setInternalNotes': { query: `mutation Notes($ticketId: ID!) { setInternalNotes(id: $ticketId, notes: "Staff only") { ${TICKET} } }`, returnsTicket: 'one' },
  'Mutation.deleteTicket': { query: `mutation Delete($ticketId: ID!) { deleteTicket(id: $ticketId) { ${TICKET} } }`, returnsTicket: 'one' },
};

const ROOT_FIELDS = SCHEMA_FIELDS.filter((coordinate) => coordinate.startsWith('Query.') || coordinate.startsWith('Mutation.'));
const CASES = SEEDED_USERS.flatMap((email) => (['id', 'access'] as const).flatMap((tokenUse) => ROOT_FIELDS.map((coordinate) => ({ email, tokenUse, coordinate }))));

type ErrorEntry = Record<string, unknown>;

function unauthorizedFieldEntry(path: Array<string | number>, typeName: string, fieldName: string) {
  return {
    path,
    data: null,
    errorType: 'Unauthorized',
    errorInfo: null,
    locations: [expect.objectContaining({ line: expect.any(Number), column: expect.any(Number), sourceName: null })],
    message: `Not Authorized to access ${fieldName} on type ${typeName}`,
  };
}

describe('Emulator: authorization matrix', () => {
  let emulator: RunningEmulator;
  let personas: Persona[];
  /** A ticket of the customer per persona, so that each persona's mutations (delete last) touch its own. */
  const ticketOf = new Map<string, string>();

  beforeAll(async () => {
    ({ emulator } = await startTestEmulator());
    personas = await signInEveryone(emulator);
    const customer = persona(personas, REPORTER, 'id');
    for (const entry of personas) {
      const data = await graphqlOk(emulator, customer.token, 'mutation { openTicket(input: { title: "For the matrix", body: "Seeded" }) { id } }');
      ticketOf.set(`${entry.email}/${entry.tokenUse}`, (data.openTicket as { id: string }).id);
    }
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it('has an operation for every Query and Mutation field of the schema', () => {
    // Assess
    expect(Object.keys(OPERATIONS).sort()).toEqual([...ROOT_FIELDS].sort());
  });

  it.each(CASES)('$email with the $tokenUse token: $coordinate', async ({ email, tokenUse, coordinate }) => {
    // Prepare
    const caller = persona(personas, email, tokenUse);
    const identity = expectedIdentity(email, tokenUse);
    const expected = expectedOutcome(identity, coordinate, REPORTER);
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const operation = OPERATIONS[coordinate] as (typeof OPERATIONS)[string];
    const ticketId = ticketOf.get(`${email}/${tokenUse}`) as string;

    // Act
    const { status, body } = await graphql(emulator, caller.token, operation.query, operation.query.includes('$ticketId') ? { ticketId } : {});

    // Assess
    expect(status).toBe(200);
    const errors = (body.errors ?? []) as ErrorEntry[];
    const rootErrors = errors.filter((error) => (error.path as unknown[] | null)?.length === 1);
    const value = body.data === null || body.data === undefined ? null : body.data[fieldName];
    if (expected === 'deniedByAuthorizer') {
      expect(value).toBeNull();
      expect(errors).toEqual([unauthorizedFieldEntry([fieldName], typeName, fieldName)]);
      return;
    }
    if (expected === 'refusedByResolver') {
      expect(value).toBeNull();
      expect(rootErrors).toHaveLength(1);
      expect(rootErrors[0]).toMatchObject({ path: [fieldName], errorType: 'Unauthorized', data: null, errorInfo: null });
      return;
    }
    expect(rootErrors).toEqual([]);
    expect(value).not.toBeNull();
    const notesAllowed = isFieldAllowed(identity, 'Ticket.internalNotes');
    const noteErrors = errors.filter((error) => (error.path as unknown[]).at(-1) === 'internalNotes');
    if (operation.returnsTicket === 'none') {
      expect(errors).toEqual([]);
    } else if (notesAllowed) {
      expect(errors).toEqual([]);
    } else {
      const tickets = operation.returnsTicket === 'one' ? [value] : ((value as { items: unknown[] }).items);
      expect(noteErrors).toHaveLength(tickets.length);
      expect(errors).toHaveLength(tickets.length);
      for (const [index, ticket] of tickets.entries()) {
        expect((ticket as { internalNotes: unknown }).internalNotes).toBeNull();
        const path = operation.returnsTicket === 'one' ? [fieldName, 'internalNotes'] : [fieldName, 'items', index, 'internalNotes'];
        expect(noteErrors).toContainEqual(unauthorizedFieldEntry(path, 'Ticket', 'internalNotes'));
      }
    }
  });

  it('never runs the resolver of a denied mutation', async () => {
    // Prepare
    const agent = persona(personas, 'agent@example.com', 'id');
    const customer = persona(personas, REPORTER, 'id');
    const ticketId = ticketOf.get('agent@example.com/id') as string;
    const other = await graphqlOk(emulator, customer.token, 'mutation { openTicket(input: { title: "Keep me", body: "x" }) { id } }');
    const keptId = (other.openTicket as { id: string }).id;

    // Act
    const deleted = await graphql(emulator, agent.token, 'mutation($id: ID!) { deleteTicket(id: $id) { id } }', { id: keptId });
    const notes = await graphql(emulator, customer.token, 'mutation($id: ID!) { setInternalNotes(id: $id, notes: "by a customer") { id } }', { id: keptId });

    // Assess
    expect(deleted.body.errors).toEqual([unauthorizedFieldEntry(['deleteTicket'], 'Mutation', 'deleteTicket')]);
    expect(notes.body.errors).toEqual([unauthorizedFieldEntry(['setInternalNotes'], 'Mutation', 'setInternalNotes')]);
    const after = await graphqlOk(emulator, agent.token, 'query($id: ID!) { ticket(id: $id) { id internalNotes } }', { id: keptId });
    expect(after.ticket).toEqual({ id: keptId, internalNotes: null });
    expect(ticketId).toBeTruthy();
  });
});
