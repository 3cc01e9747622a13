/**
 * The items stored in the table and their GraphQL views. Key attributes stay in the table:
 * resolvers return the views, never raw items.
 */
import type { Comment, Ticket, TicketStatus } from './schema.generated.ts';

/** A ticket as stored: its attributes plus the keys of the table and of its three indexes. */
export interface TicketItem {
  readonly pk: string;
  readonly sk: string;
  readonly gsi1pk: string;
  readonly gsi1sk: string;
  readonly gsi2pk: string;
  readonly gsi2sk: string;
  readonly gsi3pk: string;
  readonly gsi3sk: string;
  readonly type: 'Ticket';
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly status: TicketStatus;
  readonly reporter: string;
  readonly assignee?: string | null;
  readonly internalNotes?: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A comment as stored. */
export interface CommentItem {
  readonly pk: string;
  readonly sk: string;
  readonly type: 'Comment';
  readonly id: string;
  readonly ticketId: string;
  readonly author: string;
  readonly body: string;
  readonly createdAt: string;
}

/** A ticket as resolvers return it: `comments` is resolved by `Ticket.comments`. */
export type TicketView = Omit<Ticket, 'comments'>;

/** The GraphQL view of a stored ticket. */
export function toTicket(item: TicketItem): TicketView {
  return {
    id: item.id,
    title: item.title,
    body: item.body,
    status: item.status,
    reporter: item.reporter,
    assignee: item.assignee === undefined ? null : item.assignee,
    internalNotes: item.internalNotes === undefined ? null : item.internalNotes,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** The GraphQL view of a stored comment. */
export function toComment(item: CommentItem): Comment {
  return { id: item.id, ticketId: item.ticketId, author: item.author, body: item.body, createdAt: item.createdAt };
}
