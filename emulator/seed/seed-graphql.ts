/**
 * The seed's one way of writing: a GraphQL request over HTTP to the running emulator, exactly
 * as a client sends it, so the tickets are whatever the real resolvers write. Any error is a
 * failed step: the seed never keeps going past a refusal.
 */
import { SeedTicketsWriteError } from './errors.ts';

/** The operations the seed sends; each selects what the next step needs. */
export const SEED_OPERATIONS = {
  tickets: 'query SeedExistingTickets { tickets(limit: 1) { items { id } } }',
  openTicket: 'mutation SeedOpenTicket($input: OpenTicketInput!) { openTicket(input: $input) { id } }',
  addComment: 'mutation SeedAddComment($ticketId: ID!, $body: String!) { addComment(ticketId: $ticketId, body: $body) { id ticketId } }',
  assignTicket: 'mutation SeedAssignTicket($id: ID!, $assignee: AWSEmail!) { assignTicket(id: $id, assignee: $assignee) { id } }',
  setInternalNotes: 'mutation SeedSetInternalNotes($id: ID!, $notes: String!) { setInternalNotes(id: $id, notes: $notes) { id } }',
  setTicketStatus: 'mutation SeedSetTicketStatus($id: ID!, $status: TicketStatus!) { setTicketStatus(id: $id, status: $status) { id } }',
} as const;

interface GraphqlBody {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: ReadonlyArray<{ readonly errorType?: unknown; readonly message?: unknown }>;
}

function errorText(body: GraphqlBody): string {
  return (body.errors ?? []).map((entry) => `${typeof entry.errorType === 'string' ? `${entry.errorType}: ` : ''}${String(entry.message)}`).join('; ');
}

/**
 * Sends one operation with `token` as `Authorization` and returns its `data`; throws
 * {@link SeedTicketsWriteError} naming `step` for an HTTP failure or any GraphQL error.
 *
 * @example
 * const data = await sendSeedOperation(graphqlUrl, idToken, SEED_OPERATIONS.openTicket, { input }, 'tickets[0]: openTicket');
 */
export async function sendSeedOperation(graphqlUrl: string, token: string, query: string, variables: Record<string, unknown>, step: string): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new SeedTicketsWriteError(step, `${graphqlUrl} did not answer`, { cause: error });
  }
  const body = (await response.json().catch(() => ({}))) as GraphqlBody;
  if (response.status !== 200 || (body.errors?.length ?? 0) > 0 || body.data === null || body.data === undefined) {
    throw new SeedTicketsWriteError(step, `HTTP ${response.status}${body.errors === undefined ? '' : `, ${errorText(body)}`}`);
  }
  return body.data;
}
