/**
 * The rule table: who may use each field of `schema.graphql`, keyed by its `Type.field`
 * coordinate. A field the table does not name is denied to everyone.
 *
 * It is plain data because APPSYNC_JS cannot pass functions around: the authorizer reads it to
 * compute `deniedFields`, and the resolvers bundle it to re-check the same rules.
 */

/**
 * One way to be let through. A rule lists grants; holding any one of them suffices.
 * - `anyValidToken`: any token the authorizer verified, a user's or a machine's.
 * - `anyUser`: any signed-in user's token (ID or access), never a machine's.
 * - `verifiedEmail`: the token carries `email` and `email_verified === true`.
 * - `agents`, `admins`: membership of that Cognito group (`cognito:groups`).
 * - `helpdesk/tickets.read`, `helpdesk/tickets.triage`: that OAuth scope in the access token's
 *   `scope` (machine callers' client-credentials tokens; a user access token may hold one too).
 */
export type Grant = 'anyValidToken' | 'anyUser' | 'verifiedEmail' | Group | Scope;

/** The Cognito groups the API knows. */
export type Group = 'agents' | 'admins';

/** The custom scopes of the resource server `helpdesk`, as `<resource server>/<scope>`. */
export type Scope = 'helpdesk/tickets.read' | 'helpdesk/tickets.triage';

/** Every group a grant may name: a grant is read as a group only if it is listed here. */
export const GROUPS: readonly Group[] = ['agents', 'admins'];

/** Every scope a grant may name: a grant is read as a scope only if it is listed here. */
export const SCOPES: readonly Scope[] = ['helpdesk/tickets.read', 'helpdesk/tickets.triage'];

/** Data-level checks that need the item, so only a resolver can make them. */
export type ItemRule = 'reporterOrStaff';

/** The rule of one field. */
export interface FieldRule {
  /** Grants any one of which lets a caller use the field; an empty list denies everyone. */
  readonly allow: readonly Grant[];
  /**
   * The resolver's additional check on the item it reads, or `null` for none. A caller let
   * through by a scope grant of the same rule skips it: a scope grants every item.
   */
  readonly item: ItemRule | null;
}

/** Staff: agents, and admins who can do everything agents can. */
export const STAFF: readonly Group[] = ['agents', 'admins'];

const anyValidToken: FieldRule = { allow: ['anyValidToken'], item: null };
const verifiedEmail: FieldRule = { allow: ['verifiedEmail'], item: null };
const staff: FieldRule = { allow: STAFF, item: null };
const admins: FieldRule = { allow: ['admins'], item: null };
const READ: Scope = 'helpdesk/tickets.read';
const TRIAGE: Scope = 'helpdesk/tickets.triage';
// Read by its reporter or staff, or by any ticket reader (a machine with the read scope).
const reporterStaffOrReader: FieldRule = { allow: ['anyUser', READ], item: 'reporterOrStaff' };
// Subscribing to one ticket: its reporter or staff. The authorizer can only turn away a caller
// who could be neither (no verified email, no staff group); the resolver reads the ticket.
const reporterOrStaff: FieldRule = { allow: ['verifiedEmail', ...STAFF], item: 'reporterOrStaff' };

/** The rule table, shaped like the schema. */
export const rules: Readonly<Record<string, FieldRule>> = {
  'Query.me': anyValidToken,
  'Query.ticket': reporterStaffOrReader,
  'Query.myTickets': verifiedEmail,
  'Query.tickets': { allow: [...STAFF, READ], item: null },

  'Mutation.openTicket': verifiedEmail,
  // A comment's author is the caller's verified email (`Comment.author: AWSEmail!`), so staff
  // comment under theirs too: an access token without one (V1 trigger) cannot comment.
  'Mutation.addComment': { allow: ['verifiedEmail'], item: 'reporterOrStaff' },
  'Mutation.assignTicket': staff,
  'Mutation.setTicketStatus': { allow: [...STAFF, TRIAGE], item: null },
  'Mutation.setInternalNotes': staff,
  'Mutation.deleteTicket': admins,

  // Checked once, when a client subscribes; `Ticket.internalNotes` below governs the events too.
  'Subscription.onTicketChanged': reporterOrStaff,
  'Subscription.onCommentAdded': reporterOrStaff,
  'Subscription.onTicketActivity': { allow: [...STAFF, READ], item: null },

  'Identity.sub': anyValidToken,
  'Identity.username': anyValidToken,
  'Identity.email': anyValidToken,
  'Identity.emailVerified': anyValidToken,
  'Identity.groups': anyValidToken,
  'Identity.tokenUse': anyValidToken,
  'Identity.kind': anyValidToken,
  'Identity.clientId': anyValidToken,
  'Identity.scopes': anyValidToken,

  'Ticket.id': anyValidToken,
  'Ticket.title': anyValidToken,
  'Ticket.body': anyValidToken,
  'Ticket.status': anyValidToken,
  'Ticket.reporter': anyValidToken,
  'Ticket.assignee': anyValidToken,
  // Never by a scope: no machine reads the staff's notes.
  'Ticket.internalNotes': staff,
  'Ticket.comments': reporterStaffOrReader,
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
