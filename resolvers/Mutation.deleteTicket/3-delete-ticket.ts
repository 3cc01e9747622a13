/**
 * Deletes the ticket and its listed comments in one transaction, on condition that the ticket
 * still exists: when another request deleted it meanwhile, nothing is written and the answer is
 * `null`, as for a ticket that never existed.
 */
import { runtime, util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { tableName } from '../lib/environment.ts';
import { ErrorType } from '../lib/errors.ts';
import type { TicketView } from '../lib/items.ts';
import { ticketKey } from '../lib/keys.ts';
import { itemExists } from '../lib/requests.ts';
import type { MutationDeleteTicketArgs } from '../lib/schema.generated.ts';
import { cancellationReasons } from '../lib/transactions.ts';

export function request(ctx: Context<MutationDeleteTicketArgs>): DynamoDBTransactWriteItemsRequest {
  if (ctx.stash.ticket === null) runtime.earlyReturn(null);
  const table = tableName(ctx, 'Deleting a ticket');
  const keys = ctx.stash.commentKeys as Array<{ pk: string; sk: string }> | null | undefined;
  const comments = keys === null || keys === undefined ? [] : keys;
  const ticket: DynamoDBTransactWriteItemsRequest['transactItems'][number] = {
    table,
    operation: 'DeleteItem',
    key: util.dynamodb.toMapValues(ticketKey(ctx.args.id)),
    condition: { ...itemExists(), returnValuesOnConditionCheckFailure: false },
  };
  return {
    operation: 'TransactWriteItems',
    transactItems: [ticket].concat(comments.map((key) => ({ table, operation: 'DeleteItem', key: util.dynamodb.toMapValues(key) }))),
  };
}

export function response(ctx: Context<MutationDeleteTicketArgs>): TicketView | null {
  const reasons = cancellationReasons(ctx);
  // The ticket's delete is the first action: its condition failing means it is gone already.
  if (reasons !== null && reasons[0] === 'ConditionalCheckFailed') return null;
  if (reasons !== null) util.error(`Ticket ${ctx.args.id} could not be deleted; try again.`, ErrorType.Conflict);
  return ctx.stash.ticket as TicketView;
}
