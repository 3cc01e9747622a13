/**
 * `Ticket.comments`: the ticket's comments in the order they were written. The parent resolver
 * already applied the item rule; it is re-applied here so that no path to a ticket can skip it.
 *
 * One Query answers up to 1 MB (about a hundred comments at the body limit); the field has no
 * pagination arguments, so later comments would not be listed.
 */
import type { Context, DynamoDBQueryRequest } from '@aws-appsync/utils';
import { requireFieldRule, requireItemRule } from './lib/authorize.ts';
import { failOnDataSourceError } from './lib/data-source-errors.ts';
import { ErrorType } from './lib/errors.ts';
import { toComment, type CommentItem, type TicketView } from './lib/items.ts';
import { commentsOf } from './lib/requests.ts';
import type { Comment } from './lib/schema.generated.ts';

export function request(ctx: Context<Record<string, never>, Record<string, unknown>, undefined, TicketView>): DynamoDBQueryRequest {
  const ticket = ctx.source as TicketView;
  requireItemRule(requireFieldRule(ctx, 'Ticket.comments'), 'Ticket.comments', ticket);
  return commentsOf(ticket.id);
}

export function response(ctx: Context): Comment[] {
  failOnDataSourceError(ctx, 'The comments could not be read.', ErrorType.NotFound);
  const result = ctx.result as { items?: CommentItem[] | null } | null | undefined;
  if (result === null || result === undefined || result.items === null || result.items === undefined) return [];
  return result.items.map((item) => toComment(item));
}
