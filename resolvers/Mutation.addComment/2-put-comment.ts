/**
 * Writes the comment under its ticket's partition, in one transaction with a check that the
 * ticket still exists: a comment can never land on a ticket deleted after step 1 read it, and
 * never overwrites an item.
 */
import { util, type Context, type DynamoDBTransactWriteItemsRequest } from '@aws-appsync/utils';
import { callerOf } from '../lib/authorize.ts';
import { tableName } from '../lib/environment.ts';
import { ErrorType } from '../lib/errors.ts';
import { commentKey, ticketKey } from '../lib/keys.ts';
import { itemExists, itemIsNew } from '../lib/requests.ts';
import type { Comment, MutationAddCommentArgs } from '../lib/schema.generated.ts';
import { cancellationReasons } from '../lib/transactions.ts';

export function request(ctx: Context<MutationAddCommentArgs>): DynamoDBTransactWriteItemsRequest {
  const table = tableName(ctx, 'Adding a comment');
  const now = util.time.nowISO8601();
  // The resolver's request checked that the caller has a verified email.
  const comment: Comment = {
    id: util.autoUlid(),
    ticketId: ctx.args.ticketId,
    author: (callerOf(ctx).email as string).toLowerCase(),
    body: ctx.stash.body as string,
    createdAt: now,
  };
  ctx.stash.comment = comment;
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table,
        operation: 'ConditionCheck',
        key: util.dynamodb.toMapValues(ticketKey(comment.ticketId)),
        condition: { ...itemExists(), returnValuesOnConditionCheckFailure: false },
      },
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues(commentKey(comment.ticketId, now, comment.id)),
        attributeValues: util.dynamodb.toMapValues({
          type: 'Comment',
          id: comment.id,
          ticketId: comment.ticketId,
          author: comment.author,
          body: comment.body,
          createdAt: comment.createdAt,
        }),
        condition: { ...itemIsNew(), returnValuesOnConditionCheckFailure: false },
      },
    ],
  };
}

export function response(ctx: Context<MutationAddCommentArgs>): Comment {
  const reasons = cancellationReasons(ctx);
  // The ticket check is the first action: its condition failing means the ticket is gone.
  if (reasons !== null && reasons[0] === 'ConditionalCheckFailed') {
    util.error(`Ticket ${ctx.args.ticketId} does not exist: there is nothing to comment on.`, ErrorType.NotFound);
  }
  if (reasons !== null) util.error('The comment could not be written; try again.', ErrorType.Conflict);
  return ctx.stash.comment as Comment;
}
