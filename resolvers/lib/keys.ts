/**
 * Key values of the single table (see `table.ts`). Every key is built here, so that a resolver
 * never spells a prefix by hand.
 */
import { TABLE_DESIGN } from './table.ts';
import { requireTicketId } from './validation.ts';

/** The sort key of a ticket's own item. */
export const TICKET_SK = 'TICKET';
/** The `allTickets` partition: every ticket is in it. */
export const ALL_TICKETS_PK = 'TICKET';
/** The prefix of the sort key of a ticket's comments. */
export const COMMENT_SK_PREFIX = 'COMMENT#';

/** The primary key attribute names. */
export const PK = TABLE_DESIGN.partitionKey;
export const SK = TABLE_DESIGN.sortKey;

/**
 * The partition of a ticket and its comments. Every ticket key is built from it, so the id a
 * caller names is checked here, once, before any request reaches the table.
 */
export function ticketPk(ticketId: string): string {
  requireTicketId(ticketId);
  return `TICKET#${ticketId}`;
}

/**
 * The primary key of a ticket's item.
 *
 * @example
 * ticketKey('01J…'); // { pk: 'TICKET#01J…', sk: 'TICKET' }
 */
export function ticketKey(ticketId: string): { pk: string; sk: string } {
  return { pk: ticketPk(ticketId), sk: TICKET_SK };
}

/** The primary key of a comment's item: comments sort by creation time within their ticket. */
export function commentKey(ticketId: string, createdAt: string, commentId: string): { pk: string; sk: string } {
  return { pk: ticketPk(ticketId), sk: `${COMMENT_SK_PREFIX}${createdAt}#${commentId}` };
}

/** The `byReporter` partition of a reporter's tickets. Emails are lower-cased: they ignore case. */
export function reporterPk(email: string): string {
  return `REPORTER#${email.toLowerCase()}`;
}

/** The `byStatus` partition of the tickets of one status. */
export function statusPk(status: string): string {
  return `STATUS#${status}`;
}

/** The sort key shared by every ticket index: creation time, then id to break ties. */
export function createdSk(createdAt: string, ticketId: string): string {
  return `${createdAt}#${ticketId}`;
}
