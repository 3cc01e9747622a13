/**
 * The data source of every resolver and pipeline function, keyed by its module path under
 * `resolvers/` without extension. The build reads this map to write the manifest and fails when
 * a module is missing from it or it names a module that does not exist.
 *
 * - `TABLE`: the DynamoDB table of `table.ts`.
 * - `NONE`: AppSync's local data source; the handler's request payload is the result.
 *
 * Pipeline resolvers themselves have no data source: only their functions appear here.
 */
export const DATA_SOURCES = {
  'Query.me': 'NONE',
  'Query.ticket': 'TABLE',
  'Query.myTickets': 'TABLE',
  'Query.tickets': 'TABLE',
  'Mutation.openTicket': 'TABLE',
  'Mutation.addComment/1-get-ticket': 'TABLE',
  'Mutation.addComment/2-put-comment': 'TABLE',
  'Mutation.assignTicket': 'TABLE',
  'Mutation.setTicketStatus': 'TABLE',
  'Mutation.setInternalNotes': 'TABLE',
  'Mutation.deleteTicket/1-get-ticket': 'TABLE',
  'Mutation.deleteTicket/2-list-comments': 'TABLE',
  'Mutation.deleteTicket/3-delete-ticket': 'TABLE',
  'Ticket.comments': 'TABLE',
  'Subscription.onTicketChanged/1-get-ticket': 'TABLE',
  'Subscription.onCommentAdded/1-get-ticket': 'TABLE',
  'Subscription.onTicketActivity': 'NONE',
} as const satisfies Readonly<Record<string, DataSourceKind>>;

/**
 * The kinds of data source the API has; the manifest format (`scripts/resolver-manifest.ts`)
 * takes them from here. A new kind is added here, then given a CDK data source
 * (`infra/resolvers.ts`) and an emulator module (`emulator/resolvers/data-sources.ts`); both are
 * typed to cover every kind.
 */
export const DATA_SOURCE_KINDS = ['NONE', 'TABLE'] as const;

/** One of {@link DATA_SOURCE_KINDS}. */
export type DataSourceKind = (typeof DATA_SOURCE_KINDS)[number];
