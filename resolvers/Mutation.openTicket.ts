/**
 * `Mutation.openTicket`: opens a ticket reported by the caller's verified email. The id is a
 * fresh ULID and the write is conditional, so it can never overwrite an existing item.
 */
import { util, type Context, type DynamoDBPutItemRequest } from '@aws-appsync/utils';
import { requireFieldRule } from './lib/authorize.ts';
import { failOnDataSourceError } from './lib/data-source-errors.ts';
import { ErrorType } from './lib/errors.ts';
import { toTicket, type TicketItem, type TicketView } from './lib/items.ts';
import { ALL_TICKETS_PK, createdSk, reporterPk, statusPk, ticketKey } from './lib/keys.ts';
import { itemIsNew } from './lib/requests.ts';
import type { MutationOpenTicketArgs } from './lib/schema.generated.ts';
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH, requireText } from './lib/validation.ts';

export function request(ctx: Context<MutationOpenTicketArgs>): DynamoDBPutItemRequest {
  const caller = requireFieldRule(ctx, 'Mutation.openTicket');
  const title = requireText('input.title', ctx.args.input.title, MAX_TITLE_LENGTH);
  const body = requireText('input.body', ctx.args.input.body, MAX_BODY_LENGTH);
  const id = util.autoUlid();
  const now = util.time.nowISO8601();
  // The rule grants verified emails only, so the email is there.
  const reporter = (caller.email as string).toLowerCase();
  const sortKey = createdSk(now, id);
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues(ticketKey(id)),
    attributeValues: util.dynamodb.toMapValues({
      gsi1pk: reporterPk(reporter),
      gsi1sk: sortKey,
      gsi2pk: statusPk('OPEN'),
      gsi2sk: sortKey,
      gsi3pk: ALL_TICKETS_PK,
      gsi3sk: sortKey,
      type: 'Ticket',
      id,
      title,
      body,
      status: 'OPEN',
      reporter,
      createdAt: now,
      updatedAt: now,
    }),
    condition: itemIsNew(),
  };
}

export function response(ctx: Context<MutationOpenTicketArgs>): TicketView {
  failOnDataSourceError(ctx, 'A ticket with this id already exists; try again.', ErrorType.Conflict);
  return toTicket(ctx.result as TicketItem);
}
