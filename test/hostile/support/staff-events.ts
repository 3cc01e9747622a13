/**
 * The events the hostile subscription suites try to intercept: staff mutations over real
 * `POST /graphql` that select every field, the staff-only notes and the nested comments
 * included, so that what each subscribed mutation publishes holds everything a subscriber
 * could be tempted to read (what is published is the mutation's own selection set).
 */
import type { RunningEmulator } from '../../../emulator/index.ts';
import { postGraphql } from './hostile-emulator.ts';

/** Every field of a ticket, nested comments included. */
export const EVERY_TICKET_FIELD = 'id title body status reporter assignee internalNotes comments { id ticketId author body createdAt } createdAt updatedAt';
/** Every field of a comment. */
export const EVERY_COMMENT_FIELD = 'id ticketId author body createdAt';

/** Posts `query` and returns `data`; throws on anything but a clean 200. */
export async function graphqlData(emulator: RunningEmulator, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const answer = await postGraphql(emulator.graphqlUrl, token, { query, variables });
  const body = JSON.parse(answer.text) as { data?: Record<string, unknown>; errors?: unknown };
  if (answer.status !== 200 || body.errors !== undefined || body.data === undefined) throw new Error(`${query.slice(0, 60)}… answered ${answer.status} ${answer.text.slice(0, 300)}`);
  return body.data;
}

/** Every field of a ticket a customer may read and that is published (not the list with its own resolver). */
const CUSTOMER_TICKET_FIELDS = 'id title body status reporter assignee createdAt updatedAt';

/** Opens a ticket as `token`'s user, selecting every field a customer may read, and returns its id. */
export async function openTicket(emulator: RunningEmulator, token: string, title: string): Promise<string> {
  const data = await graphqlData(emulator, token, `mutation ($title: String!) { openTicket(input: { title: $title, body: "Hostile subscriptions" }) { ${CUSTOMER_TICKET_FIELDS} } }`, { title });
  return (data.openTicket as { id: string }).id;
}

/**
 * Publishes one event of every subscribed mutation about `ticketId`, as staff (`staffToken`),
 * each selecting everything: `setInternalNotes` (with `secret` as the notes), `setTicketStatus`,
 * `assignTicket` and `addComment`.
 *
 * @example
 * await publishEverything(emulator, agentToken, ticketId, 'SECRET-…');
 */
export async function publishEverything(emulator: RunningEmulator, staffToken: string, ticketId: string, secret: string): Promise<void> {
  const variables = { id: ticketId, notes: secret };
  await graphqlData(emulator, staffToken, `mutation ($id: ID!, $notes: String!) { setInternalNotes(id: $id, notes: $notes) { ${EVERY_TICKET_FIELD} } }`, variables);
  await graphqlData(emulator, staffToken, `mutation ($id: ID!) { setTicketStatus(id: $id, status: IN_PROGRESS) { ${EVERY_TICKET_FIELD} } }`, { id: ticketId });
  await graphqlData(emulator, staffToken, `mutation ($id: ID!) { assignTicket(id: $id, assignee: "agent@example.com") { ${EVERY_TICKET_FIELD} } }`, { id: ticketId });
  await graphqlData(emulator, staffToken, `mutation ($id: ID!) { addComment(ticketId: $id, body: "From staff") { ${EVERY_COMMENT_FIELD} } }`, { id: ticketId });
}
