/**
 * The DynamoDB requests resolvers send, written out rather than built by
 * `@aws-appsync/utils/dynamodb`'s helpers where they carry expressions, so that every request
 * (and the test that pins it) reads exactly as DynamoDB receives it.
 */
import { util, type DynamoDBGetItemRequest, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import { COMMENT_SK_PREFIX, PK, SK, ticketKey, ticketPk } from './keys.ts';

/**
 * The GetItem of a ticket. Strongly consistent where a write decision depends on it.
 *
 * @example
 * getTicket(ctx.args.id, true);
 */
export function getTicket(ticketId: string, consistentRead: boolean): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues(ticketKey(ticketId)), consistentRead };
}

/** The condition "the item exists", on the partition key. */
export function itemExists(): { expression: string; expressionNames: Record<string, string> } {
  return { expression: 'attribute_exists(#pk)', expressionNames: { '#pk': PK } };
}

/** The condition "no item has this key yet", on the partition key. */
export function itemIsNew(): { expression: string; expressionNames: Record<string, string> } {
  return { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': PK } };
}

/**
 * The Query of a ticket's comments in the order they were written.
 *
 * @example
 * commentsOf(ticket.id); // the ticket's partition, sort keys starting with COMMENT#
 */
export function commentsOf(ticketId: string): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    query: {
      expression: '#pk = :pk AND begins_with(#sk, :prefix)',
      expressionNames: { '#pk': PK, '#sk': SK },
      expressionValues: util.dynamodb.toMapValues({ ':pk': ticketPk(ticketId), ':prefix': COMMENT_SK_PREFIX }),
    },
    scanIndexForward: true,
  };
}
