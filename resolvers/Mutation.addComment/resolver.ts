/**
 * `Mutation.addComment`, a pipeline: (1) read the ticket and apply `reporterOrStaff` to it,
 * (2) write the comment. The group rule and the body are checked before anything is read.
 */
import type { Context } from '@aws-appsync/utils';
import { requireFieldRule } from '../lib/authorize.ts';
import type { Comment, MutationAddCommentArgs } from '../lib/schema.generated.ts';
import { MAX_BODY_LENGTH, requireText } from '../lib/validation.ts';

export function request(ctx: Context<MutationAddCommentArgs>): Record<string, never> {
  // The rule asks for a verified email, even of staff: it becomes the comment's author.
  requireFieldRule(ctx, 'Mutation.addComment');
  ctx.stash.body = requireText('body', ctx.args.body, MAX_BODY_LENGTH);
  return {};
}

export function response(ctx: Context<MutationAddCommentArgs>): Comment {
  return ctx.prev.result as Comment;
}
