/**
 * Reads every acknowledged write back after a load run, as an admin, and compares counts: every
 * acknowledged ticket and comment must be found (lost = 0), and the table may hold no more than
 * the acknowledged writes plus those whose outcome the client could not know (connection errors).
 */
import { Agent, request } from 'node:http';
import type { LoadTally } from './load-driver.ts';

/** The comparison. */
export interface ReadBack {
  readonly acknowledged: { readonly openTicket: number; readonly addComment: number };
  readonly found: { readonly openTicket: number; readonly addComment: number };
  readonly lost: { readonly openTicket: number; readonly addComment: number };
  /** Tickets and comments in the table that no acknowledgment names. */
  readonly unacknowledgedInTable: { readonly openTicket: number; readonly addComment: number };
  /** Ids missing, for diagnostics (at most 20 of each). */
  readonly missing: { readonly tickets: string[]; readonly comments: string[] };
}

async function graphql(agent: Agent, url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const body = JSON.stringify({ query, variables });
  const text = await new Promise<string>((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: token, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`read-back answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
  const parsed = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (parsed.errors !== undefined || parsed.data === undefined) throw new Error(`read-back failed: ${text.slice(0, 500)}`);
  return parsed.data;
}

/**
 * @example
 * const result = await readBack('http://127.0.0.1:4100', adminIdToken, tally);
 * result.lost; // { openTicket: 0, addComment: 0 }
 */
export async function readBack(baseUrl: string, adminToken: string, tally: LoadTally): Promise<ReadBack> {
  const url = `${baseUrl}/graphql`;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  try {
    // Every ticket and comment in the table, page by page.
    const inTable = new Map<string, Set<string>>();
    let nextToken: string | null = null;
    do {
      const data = await graphql(agent, url, adminToken, 'query ($next: String) { tickets(limit: 100, nextToken: $next) { items { id comments { id } } nextToken } }', { next: nextToken });
      const page = data.tickets as { items: Array<{ id: string; comments: Array<{ id: string }> }>; nextToken: string | null };
      for (const item of page.items) inTable.set(item.id, new Set(item.comments.map((comment) => comment.id)));
      nextToken = page.nextToken;
    } while (nextToken !== null);
    // Each acknowledged ticket directly too (the list is an index; the item is the truth).
    const ids = [...new Set(tally.tickets.map((ticket) => ticket.id))];
    const direct = new Map<string, Set<string>>();
    for (let start = 0; start < ids.length; start += 50) {
      const chunk = ids.slice(start, start + 50);
      const query = `query { ${chunk.map((id, index) => `t${index}: ticket(id: ${JSON.stringify(id)}) { id comments { id } }`).join(' ')} }`;
      const data = await graphql(agent, url, adminToken, query);
      chunk.forEach((id, index) => {
        const ticket = data[`t${index}`] as { id: string; comments: Array<{ id: string }> } | null;
        if (ticket !== null) direct.set(id, new Set(ticket.comments.map((comment) => comment.id)));
      });
    }
    const missingTickets = ids.filter((id) => !direct.has(id) || !inTable.has(id));
    const missingComments = tally.comments.filter((comment) => !(direct.get(comment.ticketId)?.has(comment.id) ?? false)).map((comment) => comment.id);
    const acknowledgedComments = new Set(tally.comments.map((comment) => comment.id));
    const commentsInTable = [...inTable.values()].reduce((sum, comments) => sum + comments.size, 0);
    const acknowledgedCommentsInTable = [...inTable.values()].reduce((sum, comments) => sum + [...comments].filter((id) => acknowledgedComments.has(id)).length, 0);
    return {
      acknowledged: { openTicket: ids.length, addComment: acknowledgedComments.size },
      found: { openTicket: ids.length - missingTickets.length, addComment: acknowledgedComments.size - missingComments.length },
      lost: { openTicket: missingTickets.length, addComment: missingComments.length },
      unacknowledgedInTable: { openTicket: [...inTable.keys()].filter((id) => !direct.has(id)).length, addComment: commentsInTable - acknowledgedCommentsInTable },
      missing: { tickets: missingTickets.slice(0, 20), comments: missingComments.slice(0, 20) },
    };
  } finally {
    agent.destroy();
  }
}
