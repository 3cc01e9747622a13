/**
 * A bounded load driver for the emulator: N clients, each with its own keep-alive connection and
 * persona, send a mix of reads and writes for a fixed time, over loopback only. It records every
 * acknowledged write (`openTicket`, `addComment` answered 200 with data and no error) so that they
 * can be read back afterwards, and every answer by status; requests that fail with a connection
 * error (the server was restarting) are counted apart and never acknowledged.
 */
import { Agent, request } from 'node:http';

/** The personas of the mix; all send ID tokens, which carry the verified email writes need. */
export type LoadPersona = 'customer' | 'other' | 'agent' | 'admin';
export const LOAD_PERSONAS: readonly LoadPersona[] = ['customer', 'other', 'agent', 'admin'];

/** Tokens per persona. */
export type LoadTokens = Readonly<Record<LoadPersona, { readonly idToken: string; readonly accessToken: string }>>;

/** An acknowledged write. */
export interface AcknowledgedTicket {
  readonly id: string;
  readonly reporter: LoadPersona;
}
export interface AcknowledgedComment {
  readonly id: string;
  readonly ticketId: string;
}

/** What one run did. */
export interface LoadTally {
  requests: number;
  byStatus: Record<string, number>;
  /** Requests that never got an HTTP answer (refused or reset connections). */
  connectionErrors: number;
  /** HTTP 200 answers that carried GraphQL errors (none are expected in this mix). */
  graphqlErrors: number;
  /** Those errors by `errorType`, for diagnostics. */
  readonly graphqlErrorTypes: Record<string, number>;
  /** Writes whose outcome is unknown because their connection failed. */
  unknownWrites: { openTicket: number; addComment: number };
  readonly tickets: AcknowledgedTicket[];
  readonly comments: AcknowledgedComment[];
  readonly latenciesMs: number[];
}

/** Options of {@link runLoad}. */
export interface LoadOptions {
  /** `http://127.0.0.1:<port>`; anything else is refused. */
  readonly baseUrl: string;
  readonly tokens: LoadTokens;
  readonly clients: number;
  readonly durationMs: number;
  /** Called once, at half time, while the clients keep going (e.g. to restart the server). */
  readonly atHalfTime?: () => Promise<void>;
  /** A deterministic choice source in [0, 1); default Math.random. */
  readonly random?: () => number;
}

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: unknown[] } | null;
}

/** Refuses any target but loopback: the load must never leave this machine. */
export function assertLoopback(baseUrl: string): void {
  const { hostname, protocol } = new URL(baseUrl);
  if (protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(hostname)) {
    throw new Error(`The load driver only targets loopback over http:, got ${baseUrl}`);
  }
}

function post(agent: Agent, url: string, token: string, query: string, variables: Record<string, unknown>): Promise<Answer | null> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: token, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        let parsed: Answer['body'] = null;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer['body'];
        } catch {
          parsed = null;
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
      res.on('error', () => resolve(null));
    });
    req.on('error', () => resolve(null));
    req.setTimeout(15_000, () => req.destroy());
    req.end(body);
  });
}

const OPEN = 'mutation Open($input: OpenTicketInput!) { openTicket(input: $input) { id reporter } }';
const COMMENT = 'mutation Comment($ticketId: ID!, $body: String!) { addComment(ticketId: $ticketId, body: $body) { id ticketId } }';
const MINE = 'query Mine { myTickets(limit: 10) { items { id title status } } }';
const ONE = 'query One($id: ID!) { ticket(id: $id) { id title status comments { id } } }';
const ALL = 'query All { tickets(limit: 20) { items { id reporter status } nextToken } }';
const STATUS = 'mutation Status($id: ID!) { setTicketStatus(id: $id, status: IN_PROGRESS) { id status } }';
const ME = 'query Me { me { sub groups tokenUse } }';

/**
 * Runs the load and returns the tally.
 *
 * @example
 * const tally = await runLoad({ baseUrl: 'http://127.0.0.1:4100', tokens, clients: 16, durationMs: 30_000 });
 */
export async function runLoad(options: LoadOptions): Promise<LoadTally> {
  assertLoopback(options.baseUrl);
  const url = `${options.baseUrl}/graphql`;
  const random = options.random ?? Math.random;
  const tally: LoadTally = { requests: 0, byStatus: {}, connectionErrors: 0, graphqlErrors: 0, graphqlErrorTypes: {}, unknownWrites: { openTicket: 0, addComment: 0 }, tickets: [], comments: [], latenciesMs: [] };
  const started = performance.now();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const mineByPersona = new Map<LoadPersona, string[]>(LOAD_PERSONAS.map((persona) => [persona, []]));

  const send = async (agent: Agent, token: string, query: string, variables: Record<string, unknown> = {}, write?: 'openTicket' | 'addComment'): Promise<Answer | null> => {
    const sent = performance.now();
    const answer = await post(agent, url, token, query, variables);
    tally.requests += 1;
    if (answer === null) {
      tally.connectionErrors += 1;
      if (write !== undefined) tally.unknownWrites[write] += 1;
      return null;
    }
    tally.latenciesMs.push(performance.now() - sent);
    tally.byStatus[answer.status] = (tally.byStatus[answer.status] ?? 0) + 1;
    if (answer.status === 200 && answer.body?.errors !== undefined) {
      tally.graphqlErrors += 1;
      for (const error of answer.body.errors as Array<{ errorType?: string }>) {
        const type = error.errorType ?? 'untyped';
        tally.graphqlErrorTypes[type] = (tally.graphqlErrorTypes[type] ?? 0) + 1;
      }
    }
    return answer;
  };
  const acknowledged = (answer: Answer | null, field: string): Record<string, unknown> | null => {
    if (answer === null || answer.status !== 200 || answer.body === null || answer.body.errors !== undefined) return null;
    const value = answer.body.data?.[field];
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  };

  const client = async (index: number): Promise<void> => {
    const persona = LOAD_PERSONAS[index % LOAD_PERSONAS.length] as LoadPersona;
    const { idToken, accessToken } = options.tokens[persona];
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const staff = persona === 'agent' || persona === 'admin';
    let sequence = 0;
    try {
      while (performance.now() - started < options.durationMs) {
        sequence += 1;
        const roll = random();
        const mine = mineByPersona.get(persona) as string[];
        let answer: Answer | null;
        if (!staff && roll < 0.3) {
          answer = await send(agent, idToken, OPEN, { input: { title: `load ${persona} ${index}.${sequence}`, body: 'Load test ticket.' } }, 'openTicket');
          const ticket = acknowledged(answer, 'openTicket');
          if (ticket !== null) {
            tally.tickets.push({ id: String(ticket.id), reporter: persona });
            mine.push(String(ticket.id));
          }
        } else if (roll < 0.55 && (staff ? tally.tickets.length > 0 : mine.length > 0)) {
          const ticketId = staff ? pick(tally.tickets).id : pick(mine);
          answer = await send(agent, idToken, COMMENT, { ticketId, body: `comment ${persona} ${index}.${sequence}` }, 'addComment');
          const comment = acknowledged(answer, 'addComment');
          if (comment !== null) tally.comments.push({ id: String(comment.id), ticketId });
        } else if (staff && roll < 0.65 && tally.tickets.length > 0) {
          answer = await send(agent, idToken, STATUS, { id: pick(tally.tickets).id });
        } else if (staff && roll < 0.85) {
          answer = await send(agent, roll < 0.75 ? idToken : accessToken, ALL);
        } else if (!staff && roll < 0.8) {
          answer = await send(agent, idToken, MINE);
        } else if (staff ? tally.tickets.length > 0 : mine.length > 0) {
          // A customer reads only their own tickets: anyone else's is refused, rightly, and would
          // count as an error of the run.
          answer = await send(agent, idToken, ONE, { id: staff ? pick(tally.tickets).id : pick(mine) });
        } else {
          answer = await send(agent, accessToken, ME);
        }
        // A refused connection (restart in progress) is retried after a short pause, not in a hot loop.
        if (answer === null) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      agent.destroy();
    }
  };

  const clients = Array.from({ length: options.clients }, (_, index) => client(index));
  if (options.atHalfTime !== undefined) {
    await new Promise((resolve) => setTimeout(resolve, options.durationMs / 2));
    await options.atHalfTime();
  }
  await Promise.all(clients);
  return tally;
}
