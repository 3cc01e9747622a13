/**
 * The mutation every subscription event comes from: the agent's `addComment` on the
 * benchmark's ticket, its `body` carrying the event's sequence number. Kept apart from the
 * emulator's setup so that the mutating child process loads only an HTTP client.
 */
import type http from 'node:http';
import { post } from './http-load.ts';
import { eventMarker } from './subscription-event-marker.ts';

const ADD_COMMENT = 'mutation Add($ticketId: ID!, $body: String!) { addComment(ticketId: $ticketId, body: $body) { id ticketId author body createdAt } }';

/** A mutation the emulator refused or failed: a benchmark of errors is meaningless. */
export class BenchMutationError extends Error {
  override readonly name = 'BenchMutationError';
}

/** The mutation each event comes from, as another process sends it. */
export interface EventMutation {
  readonly graphqlUrl: string;
  readonly token: string;
  readonly ticketId: string;
}

/**
 * Adds the comment carrying `seq` and reads the whole answer; throws unless it succeeded.
 *
 * @example
 * await addComment(subject.mutation, agent, 7);
 */
export async function addComment(mutation: EventMutation, agent: http.Agent, seq: number): Promise<void> {
  await callGraphql(mutation.graphqlUrl, mutation.token, agent, ADD_COMMENT, { ticketId: mutation.ticketId, body: eventMarker.write(seq) });
}

/**
 * POSTs one GraphQL request with the token and returns `data`; throws unless it succeeded.
 *
 * @example
 * const data = await callGraphql(emulator.graphqlUrl, idToken, agent, '{ me { sub } }', {});
 */
export async function callGraphql(url: string, token: string, agent: http.Agent, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const answer = await post(new URL(url), agent, { authorization: token, 'content-type': 'application/json' }, JSON.stringify({ query, variables }));
  const parsed = JSON.parse(answer.body) as { data?: Record<string, unknown> | null; errors?: unknown[] };
  if (answer.status !== 200 || (parsed.errors?.length ?? 0) > 0 || parsed.data == null) {
    throw new BenchMutationError(`the emulator answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  }
  return parsed.data;
}
