/**
 * Every seeded user × {ID token, access token}, and every seeded machine client (its
 * client-credentials token from `POST /oauth2/token`, as issued and narrowed to the triage scope
 * alone), × every Query and Mutation field, with `Ticket.internalNotes` and `Ticket.comments`
 * selected wherever a ticket comes back: allowed or refused exactly as `policy/rules.ts` says,
 * with AppSync's error shapes. A machine token without any custom scope cannot be had: the
 * endpoint answers `invalid_scope` to an empty `scope`, as the last test shows.
 */
import { readFileSync } from 'node:fs';
import { isNonNullType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_FIELDS } from '../../../policy/index.ts';
import { isFieldAllowed, type Identity } from '../../../policy/index.ts';
import { buildAppSyncSchema } from '../../../scripts/appsync-schema.ts';
import type { RunningEmulator } from '../../../emulator/start-emulator.ts';
import { expectedIdentity, expectedOutcome, machineIdentity } from './support/expected-access.ts';
import {
  clientCredentialsToken,
  graphql,
  graphqlOk,
  persona,
  SEEDED_MACHINE_CLIENTS,
  SEEDED_USERS,
  signInEveryone,
  startTestEmulator,
  type GraphqlAnswer,
  type MachinePersona,
  type Persona,
} from './support/emulator-fixture.ts';

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

const TRIAGE = 'helpdesk/tickets.triage';
/** The machine tokens of the matrix: each seeded client as issued, and the triage client without the read scope. */
const MACHINES: ReadonlyArray<{ label: string; clientId: string; secret: string; narrowedTo: readonly string[] | null }> = [
  ...SEEDED_MACHINE_CLIENTS.map((client) => ({ label: client.clientId, ...client, narrowedTo: null })),
  { label: `localtriageclient narrowed to ${TRIAGE}`, clientId: 'localtriageclient', secret: 'triage-secret', narrowedTo: [TRIAGE] },
];
const MACHINE_CASES = MACHINES.flatMap((machine) => ROOT_FIELDS.map((coordinate) => ({ label: machine.label, coordinate })));

/** The fields `TICKET` selects on a ticket (a sub-selection's fields left out). */
const TICKET_FIELDS = TICKET.replace(/\{[^}]*\}/g, ' ').split(/\s+/).filter((name) => name !== '');
/** Which of them `schema.graphql` declares non-null. */
const NON_NULL_TICKET_FIELDS: ReadonlySet<string> = (() => {
  const ticketType = buildAppSyncSchema(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8')).getType('Ticket');
  if (!isObjectType(ticketType)) throw new Error('schema.graphql has no type Ticket');
  return new Set(TICKET_FIELDS.filter((name) => isNonNullType(ticketType.getFields()[name]?.type)));
})();

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

/**
 * Asserts one answer of the matrix against what the rule table says for `identity`.
 */
function assessAnswer(answer: GraphqlAnswer, identity: Identity, coordinate: string): void {
  const expected = expectedOutcome(identity, coordinate, REPORTER);
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const operation = OPERATIONS[coordinate] as (typeof OPERATIONS)[string];
  const { status, body } = answer;
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
  const denied = operation.returnsTicket === 'none' ? [] : TICKET_FIELDS.filter((name) => !isFieldAllowed(identity, `Ticket.${name}`));
  if (denied.some((name) => NON_NULL_TICKET_FIELDS.has(name))) {
    // A denied non-null field nulls its nearest nullable parent (GraphQL null propagation):
    // here the ticket's, which is the root field or one of its non-null ancestors.
    expect(value).toBeNull();
    for (const name of denied) {
      const path = operation.returnsTicket === 'one' ? [fieldName, name] : [fieldName, 'items', expect.any(Number), name];
      expect(errors).toContainEqual(unauthorizedFieldEntry(path, 'Ticket', name));
    }
    if (operation.returnsTicket === 'one') expect(errors).toHaveLength(denied.length);
    expect(errors.filter((error) => error.errorType !== 'Unauthorized')).toEqual([]);
    return;
  }
  expect(value).not.toBeNull();
  if (denied.length === 0) {
    expect(errors).toEqual([]);
    return;
  }
  const tickets = operation.returnsTicket === 'one' ? [value] : ((value as { items: unknown[] }).items);
  expect(errors).toHaveLength(tickets.length * denied.length);
  for (const name of denied) {
    expect(errors.filter((error) => (error.path as unknown[]).at(-1) === name)).toHaveLength(tickets.length);
    for (const [index, ticket] of tickets.entries()) {
      expect((ticket as Record<string, unknown>)[name]).toBeNull();
      const path = operation.returnsTicket === 'one' ? [fieldName, name] : [fieldName, 'items', index, name];
      expect(errors).toContainEqual(unauthorizedFieldEntry(path, 'Ticket', name));
    }
  }
}

describe('Emulator: authorization matrix', () => {
  let emulator: RunningEmulator;
  let personas: Persona[];
  const machines = new Map<string, MachinePersona>();
  /** A ticket of the customer per persona, so that each persona's mutations (delete last) touch its own. */
  const ticketOf = new Map<string, string>();

  beforeAll(async () => {
    ({ emulator } = await startTestEmulator());
    personas = await signInEveryone(emulator);
    for (const machine of MACHINES) {
      machines.set(machine.label, { clientId: machine.clientId, narrowedTo: machine.narrowedTo, token: await clientCredentialsToken(emulator, machine.clientId, machine.secret, machine.narrowedTo) });
    }
    const customer = persona(personas, REPORTER, 'id');
    for (const key of [...personas.map((entry) => `${entry.email}/${entry.tokenUse}`), ...machines.keys()]) {
      const data = await graphqlOk(emulator, customer.token, 'mutation { openTicket(input: { title: "For the matrix", body: "Seeded" }) { id } }');
      ticketOf.set(key, (data.openTicket as { id: string }).id);
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
    const operation = OPERATIONS[coordinate] as (typeof OPERATIONS)[string];
    const ticketId = ticketOf.get(`${email}/${tokenUse}`) as string;

    // Act
    const answer = await graphql(emulator, caller.token, operation.query, operation.query.includes('$ticketId') ? { ticketId } : {});

    // Assess
    assessAnswer(answer, identity, coordinate);
  });

  it.each(MACHINE_CASES)('the machine $label: $coordinate', async ({ label, coordinate }) => {
    // Prepare
    const caller = machines.get(label) as MachinePersona;
    const identity = machineIdentity(caller.clientId, caller.narrowedTo);
    const operation = OPERATIONS[coordinate] as (typeof OPERATIONS)[string];
    const ticketId = ticketOf.get(label) as string;

    // Act
    const answer = await graphql(emulator, caller.token, operation.query, operation.query.includes('$ticketId') ? { ticketId } : {});

    // Assess
    assessAnswer(answer, identity, coordinate);
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

  it('has no machine persona without a custom scope: the token endpoint refuses an empty scope', async () => {
    // Act
    const answer = await fetch(emulator.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('localtriageclient:triage-secret').toString('base64')}` },
      body: 'grant_type=client_credentials&scope=',
    });

    // Assess
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: 'invalid_scope' });
  });
});
