/**
 * The single DynamoDB table behind the API: its key schema and global secondary indexes.
 *
 * Plain data with no imports, so that the CDK app and the offline emulator (Node) create the
 * very same table, and the resolvers (APPSYNC_JS, bundled) name the same attributes and indexes.
 *
 * Items (every key attribute is a string; `<ts>` is the ISO 8601 creation time):
 *
 * | item    | pk                  | sk                        | byReporter: gsi1pk / gsi1sk | byStatus: gsi2pk / gsi2sk | allTickets: gsi3pk / gsi3sk |
 * |---------|---------------------|---------------------------|-----------------------------|---------------------------|-----------------------------|
 * | ticket  | `TICKET#<id>`       | `TICKET`                  | `REPORTER#<email>` / `<ts>#<id>` | `STATUS#<status>` / `<ts>#<id>` | `TICKET` / `<ts>#<id>` |
 * | comment | `TICKET#<ticketId>` | `COMMENT#<ts>#<commentId>` | —                          | —                         | —                           |
 *
 * - a ticket by id: `GetItem(pk = TICKET#<id>, sk = TICKET)`;
 * - a reporter's tickets, newest first: `Query(byReporter, gsi1pk = REPORTER#<lower-cased email>)`, descending;
 * - all tickets, newest first: `Query(allTickets, gsi3pk = TICKET)`, descending;
 * - tickets of one status, newest first: `Query(byStatus, gsi2pk = STATUS#<status>)`, descending;
 * - a ticket's comments in order: `Query(pk = TICKET#<id>, begins_with(sk, COMMENT#))`, ascending.
 *
 * Comments carry no GSI attributes, so the indexes are sparse and hold tickets only.
 *
 * @example
 * new dynamodb.Table(this, 'Table', {
 *   partitionKey: { name: TABLE_DESIGN.partitionKey, type: AttributeType.STRING },
 *   sortKey: { name: TABLE_DESIGN.sortKey, type: AttributeType.STRING },
 * });
 */

/** A reporter's tickets, newest first. */
export const BY_REPORTER = { indexName: 'byReporter', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' } as const;
/** The tickets of one status, newest first. */
export const BY_STATUS = { indexName: 'byStatus', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'ALL' } as const;
/** Every ticket, newest first (one partition: see the README on its write limit). */
export const ALL_TICKETS = { indexName: 'allTickets', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'ALL' } as const;

/** The table's key schema and indexes. */
export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalSecondaryIndexes: [BY_REPORTER, BY_STATUS, ALL_TICKETS],
} as const;

/** The shape of {@link TABLE_DESIGN}, for code that creates the table from it. */
export type TableDesign = typeof TABLE_DESIGN;

/** One global secondary index of {@link TABLE_DESIGN}. */
export type GlobalSecondaryIndexDesign = TableDesign['globalSecondaryIndexes'][number];

/** The names of the global secondary indexes. */
export type IndexName = GlobalSecondaryIndexDesign['indexName'];
