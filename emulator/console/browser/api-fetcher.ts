/**
 * GraphiQL's fetcher: sends each operation to the API with the chosen token as the raw
 * `Authorization` header (no `Bearer `, as AppSync's `AWS_LAMBDA` mode expects) and reports
 * every answer to the panel.
 */
import type { Fetcher, FetcherParams } from '@graphiql/toolkit';
import { networkFailure, summarizeResponse, type ResponseSummary } from './response-summary.ts';

/** What the fetcher needs from the page. */
export interface ApiFetcherOptions {
  readonly endpoint: string;
  /** The token to send now (refreshed first when it is about to expire), or `null`. */
  readonly currentToken: () => Promise<string | null>;
  /** Receives each answer's summary and body. */
  readonly onAnswer: (summary: ResponseSummary, body: unknown) => void;
}

function parseBody(status: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${status}, not JSON: ${text.slice(0, 300)}` }] };
  }
}

/**
 * @example
 * const fetcher = createApiFetcher({ endpoint: '/graphql', currentToken: async () => token, onAnswer: show });
 */
export function createApiFetcher(options: ApiFetcherOptions): Fetcher {
  return async (params: FetcherParams) => {
    const token = await options.currentToken();
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== null) headers.authorization = token;
    let response: Response;
    try {
      response = await fetch(options.endpoint, { method: 'POST', headers, body: JSON.stringify(params) });
    } catch {
      options.onAnswer(networkFailure(options.endpoint), null);
      return { errors: [{ message: `Could not reach ${options.endpoint}. Is the emulator still running?` }] };
    }
    const body = parseBody(response.status, await response.text());
    options.onAnswer(summarizeResponse(response.status, body, token !== null), body);
    return body as Awaited<ReturnType<Fetcher>>;
  };
}

const SINGLE_TICKET_FIELDS = ['openTicket', 'ticket', 'assignTicket', 'setTicketStatus', 'setInternalNotes'];
const TICKET_LIST_FIELDS = ['tickets', 'myTickets'];

/**
 * The id of a ticket in an answer (the one just opened, read or changed, or the first listed),
 * so the examples that need an id can be prefilled with it.
 *
 * @example
 * ticketIdIn({ data: { openTicket: { id: '01J' } } }); // '01J'
 */
export function ticketIdIn(body: unknown): string | null {
  const data = body !== null && typeof body === 'object' ? (body as { data?: unknown }).data : null;
  if (data === null || typeof data !== 'object') return null;
  const fields = data as Record<string, unknown>;
  for (const name of SINGLE_TICKET_FIELDS) {
    const id = (fields[name] as { id?: unknown } | null | undefined)?.id;
    if (typeof id === 'string') return id;
  }
  for (const name of TICKET_LIST_FIELDS) {
    const items = (fields[name] as { items?: unknown } | null | undefined)?.items;
    const id = Array.isArray(items) ? (items[0] as { id?: unknown } | undefined)?.id : undefined;
    if (typeof id === 'string') return id;
  }
  return null;
}

/**
 * Every ticket id an answer carries (single tickets first, then listed ones, each once), for the
 * subscriptions panel's ticket picker.
 *
 * @example
 * ticketIdsIn({ data: { tickets: { items: [{ id: 'T2' }, { id: 'T3' }] } } }); // ['T2', 'T3']
 */
export function ticketIdsIn(body: unknown): string[] {
  const data = body !== null && typeof body === 'object' ? (body as { data?: unknown }).data : null;
  if (data === null || typeof data !== 'object') return [];
  const fields = data as Record<string, unknown>;
  const single = SINGLE_TICKET_FIELDS.map((name) => (fields[name] as { id?: unknown } | null | undefined)?.id);
  const listed = TICKET_LIST_FIELDS.flatMap((name) => {
    const items = (fields[name] as { items?: unknown } | null | undefined)?.items;
    return Array.isArray(items) ? items.map((item) => (item as { id?: unknown } | null)?.id) : [];
  });
  return [...new Set([...single, ...listed].filter((id): id is string => typeof id === 'string'))];
}
