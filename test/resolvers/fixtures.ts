/**
 * Items as the table stores them, for response handlers to read.
 */
import type { CommentItem, TicketItem } from '../../resolvers/lib/items.ts';

/** A ticket id (a ULID, as `openTicket` makes them). */
export const TICKET_ID = '01JDQ8Z6V4X5Y6Z7A8B9C0D1E2';
/** Another ticket's id. */
export const OTHER_TICKET_ID = '01JDQ8Z6V4X5Y6Z7A8B9C0D1E3';
/** When the fixture ticket was opened. */
export const CREATED_AT = '2026-11-20T09:30:00.000Z';

/** A ULID, as `util.autoUlid()` returns it. */
export const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
/** An ISO 8601 UTC time, as `util.time.nowISO8601()` returns it. */
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/**
 * A stored ticket reported by `customer@example.com`, with any attribute replaced.
 *
 * @example
 * ticketItem({ status: 'RESOLVED' });
 */
export function ticketItem(overrides: Partial<TicketItem> = {}): TicketItem {
  const id = overrides.id ?? TICKET_ID;
  const reporter = overrides.reporter ?? 'customer@example.com';
  const status = overrides.status ?? 'OPEN';
  return {
    pk: `TICKET#${id}`,
    sk: 'TICKET',
    gsi1pk: `REPORTER#${reporter}`,
    gsi1sk: `${CREATED_AT}#${id}`,
    gsi2pk: `STATUS#${status}`,
    gsi2sk: `${CREATED_AT}#${id}`,
    gsi3pk: 'TICKET',
    gsi3sk: `${CREATED_AT}#${id}`,
    type: 'Ticket',
    id,
    title: 'Printer on fire',
    body: 'The printer on floor 3 is on fire again.',
    status,
    reporter,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    ...overrides,
  };
}

/** The GraphQL view of {@link ticketItem}. */
export function ticketView(overrides: Partial<TicketItem> = {}): Record<string, unknown> {
  const item = ticketItem(overrides);
  return {
    id: item.id,
    title: item.title,
    body: item.body,
    status: item.status,
    reporter: item.reporter,
    assignee: item.assignee ?? null,
    internalNotes: item.internalNotes ?? null,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** A stored comment on the fixture ticket. */
export function commentItem(id: string, author: string, body: string, createdAt: string): CommentItem {
  return { pk: `TICKET#${TICKET_ID}`, sk: `COMMENT#${createdAt}#${id}`, type: 'Comment', id, ticketId: TICKET_ID, author, body, createdAt };
}
