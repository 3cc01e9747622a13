/**
 * The two halves of every mutation that updates one existing ticket (`assignTicket`,
 * `setTicketStatus`, `setInternalNotes`): the UpdateItem request and the reading of its answer.
 */
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { failOnDataSourceError } from './data-source-errors.ts';
import { ErrorType } from './errors.ts';
import { toTicket, type TicketItem, type TicketView } from './items.ts';
import { ticketKey } from './keys.ts';
import { itemExists } from './requests.ts';

/**
 * An UpdateItem of an existing ticket that sets `set` (and `updatedAt`) and removes `remove`.
 * It fails its condition, and so changes nothing, when the ticket does not exist: an update can
 * never create or resurrect a ticket.
 *
 * @example
 * ticketUpdateRequest(id, { assignee: 'agent@example.com' }, [], util.time.nowISO8601());
 */
export function ticketUpdateRequest(
  ticketId: string,
  set: Record<string, string>,
  remove: string[],
  updatedAt: string,
): DynamoDBUpdateItemRequest {
  const values: Record<string, string> = {};
  const names: Record<string, string> = {};
  const assignments: string[] = [];
  Object.keys(set).forEach((name) => {
    names[`#${name}`] = name;
    values[`:${name}`] = set[name] as string;
    assignments.push(`#${name} = :${name}`);
  });
  names['#updatedAt'] = 'updatedAt';
  values[':updatedAt'] = updatedAt;
  assignments.push('#updatedAt = :updatedAt');
  remove.forEach((name) => {
    names[`#${name}`] = name;
  });
  const removal = remove.length === 0 ? '' : ` REMOVE ${remove.map((name) => `#${name}`).join(', ')}`;
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(ticketKey(ticketId)),
    update: {
      expression: `SET ${assignments.join(', ')}${removal}`,
      expressionNames: names,
      expressionValues: util.dynamodb.toMapValues(values),
    },
    condition: itemExists(),
  };
}

/**
 * The updated ticket, or `NotFound` when the update's "ticket exists" condition failed.
 *
 * @example
 * export function response(ctx) { return ticketUpdateResult(ctx); }
 */
export function ticketUpdateResult(ctx: Context<{ id: string }>): TicketView {
  failOnDataSourceError(ctx, `Ticket ${ctx.args.id} does not exist.`, ErrorType.NotFound);
  return toTicket(ctx.result as TicketItem);
}
