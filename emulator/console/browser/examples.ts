/**
 * Example operations, grouped by the persona they are written for. The panel marks each with
 * the fields this token's `deniedFields` would null out, so trying one "as the wrong persona" is
 * a lesson too.
 *
 * Every mutation selects `id` (a comment also `ticketId`): what a subscriber receives is the
 * mutation's selection set, and the subscriptions' filters match on those fields, so a
 * mutation that does not select them reaches no subscriber.
 */

/** One preset. */
export interface Example {
  readonly name: string;
  readonly persona: Persona;
  readonly description: string;
  readonly query: string;
  /** JSON text; `{{ticketId}}` is replaced by the last ticket id the console saw. */
  readonly variables: string;
}

/** Who an example is written for. */
export type Persona = 'Anyone signed in' | 'Customers (verified email)' | 'Agents and admins' | 'Admins' | 'Machine clients (scopes)';

/** The personas in display order. */
export const PERSONAS: readonly Persona[] = ['Anyone signed in', 'Customers (verified email)', 'Agents and admins', 'Admins', 'Machine clients (scopes)'];

const TICKET_FIELDS = `id
    title
    status
    reporter
    assignee
    createdAt`;

/** The presets. */
export const EXAMPLES: readonly Example[] = [
  {
    name: 'Me',
    persona: 'Anyone signed in',
    description: 'The caller as the authorizer saw the token: a user or a machine, its app client, its scopes.',
    query: `query Me {
  me {
    sub
    username
    email
    emailVerified
    groups
    tokenUse
    kind
    clientId
    scopes
  }
}
`,
    variables: '',
  },
  {
    name: 'Ticket',
    persona: 'Anyone signed in',
    description: 'One ticket: its reporter and staff only. internalNotes is staff-only.',
    query: `query Ticket($id: ID!) {
  ticket(id: $id) {
    ${TICKET_FIELDS}
    body
    internalNotes
    comments {
      author
      body
      createdAt
    }
  }
}
`,
    variables: '{ "id": "{{ticketId}}" }',
  },
  {
    name: 'MyTickets',
    persona: 'Customers (verified email)',
    description: 'Tickets reported by the verified email in the token (ID token only, unless the V2 trigger adds email to access tokens).',
    query: `query MyTickets {
  myTickets(limit: 10) {
    items {
      ${TICKET_FIELDS.replace(/\n {4}/g, '\n      ')}
    }
    nextToken
  }
}
`,
    variables: '',
  },
  {
    name: 'OpenTicket',
    persona: 'Customers (verified email)',
    description: 'Opens a ticket reported by the verified email in the token.',
    query: `mutation OpenTicket($input: OpenTicketInput!) {
  openTicket(input: $input) {
    ${TICKET_FIELDS}
  }
}
`,
    variables: '{ "input": { "title": "Printer on fire", "body": "Third floor, again." } }',
  },
  {
    name: 'AddComment',
    persona: 'Customers (verified email)',
    description: 'Comments on a ticket: its reporter and staff only. Selects ticketId, so onCommentAdded subscribers of that ticket receive it.',
    query: `mutation AddComment($ticketId: ID!, $body: String!) {
  addComment(ticketId: $ticketId, body: $body) {
    id
    ticketId
    author
    body
    createdAt
  }
}
`,
    variables: '{ "ticketId": "{{ticketId}}", "body": "Any news?" }',
  },
  {
    name: 'Tickets',
    persona: 'Agents and admins',
    description: 'All tickets, newest first, optionally of one status.',
    query: `query Tickets($status: TicketStatus) {
  tickets(status: $status, limit: 20) {
    items {
      ${TICKET_FIELDS.replace(/\n {4}/g, '\n      ')}
      internalNotes
    }
    nextToken
  }
}
`,
    variables: '{ "status": null }',
  },
  {
    name: 'SetInternalNotes',
    persona: 'Agents and admins',
    description: 'Staff-only notes on a ticket.',
    query: `mutation SetInternalNotes($id: ID!, $notes: String!) {
  setInternalNotes(id: $id, notes: $notes) {
    id
    internalNotes
    updatedAt
  }
}
`,
    variables: '{ "id": "{{ticketId}}", "notes": "Customer called twice." }',
  },
  {
    name: 'AssignTicket',
    persona: 'Agents and admins',
    description: 'Assigns a ticket to a staff member.',
    query: `mutation AssignTicket($id: ID!, $assignee: AWSEmail!) {
  assignTicket(id: $id, assignee: $assignee) {
    id
    assignee
    status
  }
}
`,
    variables: '{ "id": "{{ticketId}}", "assignee": "agent@example.com" }',
  },
  {
    name: 'SetTicketStatus',
    persona: 'Agents and admins',
    description: 'Moves a ticket through OPEN, IN_PROGRESS, RESOLVED, CLOSED; onTicketChanged and onTicketActivity subscribers receive it.',
    query: `mutation SetTicketStatus($id: ID!, $status: TicketStatus!) {
  setTicketStatus(id: $id, status: $status) {
    id
    status
    updatedAt
  }
}
`,
    variables: '{ "id": "{{ticketId}}", "status": "IN_PROGRESS" }',
  },
  {
    name: 'DeleteTicket',
    persona: 'Admins',
    description: 'Deletes a ticket and its comments.',
    query: `mutation DeleteTicket($id: ID!) {
  deleteTicket(id: $id) {
    id
    title
  }
}
`,
    variables: '{ "id": "{{ticketId}}" }',
  },
  {
    name: 'ReportOnTickets',
    persona: 'Machine clients (scopes)',
    description: 'What a reporting service with the scope helpdesk/tickets.read reads; internalNotes stays denied to every scope.',
    query: `query ReportOnTickets($status: TicketStatus) {
  me {
    kind
    clientId
    scopes
  }
  tickets(status: $status, limit: 20) {
    items {
      id
      status
      createdAt
    }
    nextToken
  }
}
`,
    variables: '{ "status": "OPEN" }',
  },
  {
    name: 'TriageTicket',
    persona: 'Machine clients (scopes)',
    description: 'A triage service with the scope helpdesk/tickets.triage moves a ticket on.',
    query: `mutation TriageTicket($id: ID!, $status: TicketStatus!) {
  setTicketStatus(id: $id, status: $status) {
    id
    status
    updatedAt
  }
}
`,
    variables: '{ "id": "{{ticketId}}", "status": "IN_PROGRESS" }',
  },
];

/**
 * The variables text of `example` with the last seen ticket id filled in.
 *
 * @example
 * exampleVariables(EXAMPLES[1], '01J...'); // '{ "id": "01J..." }'
 */
export function exampleVariables(example: Example, ticketId: string | null): string {
  return example.variables.replace(/\{\{ticketId\}\}/g, ticketId ?? 'paste a ticket id here');
}

/** The query every fresh console opens with. */
export const DEFAULT_QUERY = EXAMPLES[0]?.query ?? '';
