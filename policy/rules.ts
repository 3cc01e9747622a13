/**
 * The rule table: who may use each field of `schema.graphql`, keyed by its `Type.field`
 * coordinate. A field the table does not name is denied to everyone.
 *
 * It is plain data because APPSYNC_JS cannot pass functions around: the authorizer reads it to
 * compute `deniedFields`, and the resolvers bundle it to re-check the same rules.
 */

/**
 * One way to be let through. A rule lists grants; holding any one of them suffices.
 * - `anyValidToken`: any token the authorizer verified.
 * - `verifiedEmail`: the token carries `email` and `email_verified === true`.
 * - `agents`, `admins`: membership of that Cognito group (`cognito:groups`).
 */
export type Grant = 'anyValidToken' | 'verifiedEmail' | Group;

/** The Cognito groups the API knows. */
export type Group = 'agents' | 'admins';

/** Data-level checks that need the item, so only a resolver can make them. */
export type ItemRule = 'reporterOrStaff';

/** The rule of one field. */
export interface FieldRule {
  /** Grants any one of which lets a caller use the field; an empty list denies everyone. */
  readonly allow: readonly Grant[];
  /** The resolver's additional check on the item it reads, or `null` for none. */
  readonly item: ItemRule | null;
}

/** Staff: agents, and admins who can do everything agents can. */
export const STAFF: readonly Group[] = ['agents', 'admins'];

const anyValidToken: FieldRule = { allow: ['anyValidToken'], item: null };
const verifiedEmail: FieldRule = { allow: ['verifiedEmail'], item: null };
const staff: FieldRule = { allow: STAFF, item: null };
const admins: FieldRule = { allow: ['admins'], item: null };
// Subscribing to one ticket: its reporter or staff. The authorizer can only turn away a caller
// who could be neither (no verified email, no staff group); the resolver reads the ticket.
const reporterOrStaff: FieldRule = { allow: ['verifiedEmail', ...STAFF], item: 'reporterOrStaff' };

/** The rule table, shaped like the schema. */
export const rules: Readonly<Record<string, FieldRule>> = {
  'Query.me': anyValidToken,
  'Query.ticket': { allow: ['anyValidToken'], item: 'reporterOrStaff' },
  'Query.myTickets': verifiedEmail,
  'Query.tickets': staff,

  'Mutation.openTicket': verifiedEmail,
  // A comment's author is the caller's verified email (`Comment.author: AWSEmail!`), so staff
  // comment under theirs too: an access token without one (V1 trigger) cannot comment.
  'Mutation.addComment': { allow: ['verifiedEmail'], item: 'reporterOrStaff' },
  'Mutation.assignTicket': staff,
  'Mutation.setTicketStatus': staff,
  'Mutation.setInternalNotes': staff,
  'Mutation.deleteTicket': admins,

  // Checked once, when a client subscribes; `Ticket.internalNotes` below governs the events too.
  'Subscription.onTicketChanged': reporterOrStaff,
  'Subscription.onCommentAdded': reporterOrStaff,
  'Subscription.onTicketActivity': staff,

  'Identity.sub': anyValidToken,
  'Identity.username': anyValidToken,
  'Identity.email': anyValidToken,
  'Identity.emailVerified': anyValidToken,
  'Identity.groups': anyValidToken,
  'Identity.tokenUse': anyValidToken,

  'Ticket.id': anyValidToken,
  'Ticket.title': anyValidToken,
  'Ticket.body': anyValidToken,
  'Ticket.status': anyValidToken,
  'Ticket.reporter': anyValidToken,
  'Ticket.assignee': anyValidToken,
  'Ticket.internalNotes': staff,
  'Ticket.comments': anyValidToken,
  'Ticket.createdAt': anyValidToken,
  'Ticket.updatedAt': anyValidToken,

  'Comment.id': anyValidToken,
  'Comment.ticketId': anyValidToken,
  'Comment.author': anyValidToken,
  'Comment.body': anyValidToken,
  'Comment.createdAt': anyValidToken,

  'TicketConnection.items': anyValidToken,
  'TicketConnection.nextToken': anyValidToken,
};
