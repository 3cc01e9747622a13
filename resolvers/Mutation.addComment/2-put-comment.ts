/**
 * Writes the comment under its ticket's partition. The write is conditional so that it never
 * overwrites an item.
 */
import { util, type Context, type DynamoDBPutItemRequest } from '@aws-appsync/utils';
import { callerOf } from '../lib/authorize.ts';
import { failOnDataSourceError } from '../lib/data-source.ts';
import { ErrorType } from '../lib/errors.ts';
import { toComment, type CommentItem } from '../lib/items.ts';
import { commentKey } from '../lib/keys.ts';
import { itemIsNew } from '../lib/requests.ts';
import type { Comment, MutationAddCommentArgs } from '../lib/schema.generated.ts';

export function request(ctx: Context<MutationAddCommentArgs>): DynamoDBPutItemRequest {
  const id = util.autoUlid();
  const now = util.time.nowISO8601();
  // The resolver's request checked that the caller has a verified email.
  const author = (callerOf(ctx).email as string).toLowerCase();
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues(commentKey(ctx.args.ticketId, now, id)),
    attributeValues: util.dynamodb.toMapValues({
      type: 'Comment',
      id,
      ticketId: ctx.args.ticketId,
      author,
      body: ctx.stash.body as string,
      createdAt: now,
    }),
    condition: itemIsNew(),
  };
}

export function response(ctx: Context<MutationAddCommentArgs>): Comment {
  failOnDataSourceError(ctx, 'A comment with this id already exists; try again.', ErrorType.Conflict);
  return toComment(ctx.result as CommentItem);
}
