/**
 * Hostile queries, as data: ways to reach `Ticket.internalNotes` (staff only) and the staff-only
 * root fields around the authorizer's `deniedFields` — aliases, fragments of every kind,
 * directives, other operations, connection items, mutation payloads. The security report counts
 * them from this table.
 */

/** One query that must not reveal a denied field. `$id` is the seeded ticket's id. */
export interface DeniedFieldCase {
  readonly name: string;
  readonly query: string;
  readonly operationName?: string;
}

const ALIASES = Array.from({ length: 50 }, (_, index) => `n${index}: internalNotes`).join(' ');

/** The cases, each sent by every non-staff persona. */
export const DENIED_FIELD_CASES: readonly DeniedFieldCase[] = [
  { name: 'internalNotes under an alias', query: 'query ($id: ID!) { ticket(id: $id) { id notes: internalNotes } }' },
  { name: 'internalNotes aliased as another field\'s name', query: 'query ($id: ID!) { ticket(id: $id) { title: internalNotes } }' },
  { name: 'internalNotes inside a named fragment', query: 'query ($id: ID!) { ticket(id: $id) { ...Notes } } fragment Notes on Ticket { internalNotes }' },
  { name: 'internalNotes two named fragments deep', query: 'query ($id: ID!) { ticket(id: $id) { ...Outer } } fragment Outer on Ticket { id ...Inner } fragment Inner on Ticket { internalNotes }' },
  { name: 'internalNotes in an inline fragment on Ticket', query: 'query ($id: ID!) { ticket(id: $id) { ... on Ticket { internalNotes } } }' },
  { name: 'internalNotes in an inline fragment without a type', query: 'query ($id: ID!) { ticket(id: $id) { ... { internalNotes } } }' },
  { name: 'internalNotes with @include(if: true) and @skip(if: false)', query: 'query ($id: ID!) { ticket(id: $id) { a: internalNotes @include(if: true) b: internalNotes @skip(if: false) } }' },
  { name: 'internalNotes repeated under 50 aliases', query: `query ($id: ID!) { ticket(id: $id) { ${ALIASES} } }` },
  { name: 'internalNotes via myTickets.items', query: 'query ($id: ID!) { myTickets(limit: 50) { items { id internalNotes } } other: ticket(id: $id) { id } }' },
  { name: 'internalNotes via an aliased myTickets and a fragment on TicketConnection', query: 'query ($id: ID!) { mine: myTickets(limit: 50) { ...Page } t: ticket(id: $id) { id } } fragment Page on TicketConnection { items { ... on Ticket { x: internalNotes } } }' },
  { name: 'internalNotes via the staff-only tickets list under an alias', query: 'query ($id: ID!) { all: tickets(limit: 50) { items { id internalNotes } } t: ticket(id: $id) { id } }' },
  { name: 'internalNotes in a second operation chosen by operationName', query: 'query Harmless { me { sub } } query Sneaky($id: ID!) { ticket(id: $id) { internalNotes } }', operationName: 'Sneaky' },
  { name: 'internalNotes in an openTicket mutation payload', query: 'mutation ($id: ID!) { openTicket(input: { title: "probe", body: "probe" }) { id internalNotes } probe: setTicketStatus(id: $id, status: OPEN) { internalNotes } }' },
  { name: 'internalNotes in a setInternalNotes payload under an alias', query: 'mutation ($id: ID!) { n: setInternalNotes(id: $id, notes: "overwritten") { internalNotes } }' },
  { name: 'internalNotes in the payload of a mutation fragment', query: 'mutation ($id: ID!) { ...M } fragment M on Mutation { assignTicket(id: $id, assignee: "customer@example.com") { ...Notes } } fragment Notes on Ticket { internalNotes }' },
];

/** The non-staff personas every denied-field case is sent by: [label, email, token kind]. */
export const NON_STAFF_PERSONAS = [
  ['customer (ID token, the reporter)', 'customer@example.com', 'idToken'],
  ['customer (access token)', 'customer@example.com', 'accessToken'],
  ['other (ID token)', 'other@example.com', 'idToken'],
  ['unverified (ID token)', 'unverified@example.com', 'idToken'],
] as const;

/** fast-check runs of the property-based suite, per property (kept modest: one request each). */
export const PROPERTY_RUNS = { queries: 80, mutations: 40 } as const;
