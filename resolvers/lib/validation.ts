/**
 * Input limits. Each check stops the resolver with a `ValidationError` naming the argument.
 */
import { util } from '@aws-appsync/utils';
import { ErrorType } from './errors.ts';

/** Longest ticket title, in characters. */
export const MAX_TITLE_LENGTH = 200;
/** Longest ticket body, comment body or internal notes, in characters. */
export const MAX_BODY_LENGTH = 10000;
/** Page size when the caller gives no `limit`. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest `limit` a caller may ask for. */
export const MAX_PAGE_SIZE = 100;
/**
 * Longest ticket id a caller may name, in characters. Ids are ULIDs (26); a key over DynamoDB's
 * 2 048 bytes would otherwise reach the table and come back as its own error, internals and all.
 */
export const MAX_ID_LENGTH = 128;

/**
 * Stops the resolver with a `ValidationError` when a ticket id is empty or longer than
 * {@link MAX_ID_LENGTH}.
 *
 * @example
 * requireTicketId(ctx.args.id);
 */
export function requireTicketId(ticketId: string): void {
  if (ticketId === '') util.error('A ticket id must not be empty.', ErrorType.ValidationError);
  if (ticketId.length > MAX_ID_LENGTH) {
    util.error(`A ticket id is at most ${MAX_ID_LENGTH} characters; this one has ${ticketId.length}.`, ErrorType.ValidationError);
  }
}

/**
 * The text trimmed, after checking it is non-empty once trimmed and at most `max` characters.
 *
 * @example
 * const title = requireText('input.title', ctx.args.input.title, MAX_TITLE_LENGTH);
 */
export function requireText(name: string, value: string | null | undefined, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') util.error(`${name} must not be empty.`, ErrorType.ValidationError);
  if (text.length > max) {
    util.error(`${name} must be at most ${max} characters; it has ${text.length}.`, ErrorType.ValidationError);
  }
  return text;
}

/** Like {@link requireText}, but an empty text is allowed (it clears the attribute). */
export function optionalText(name: string, value: string | null | undefined, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length > max) {
    util.error(`${name} must be at most ${max} characters; it has ${text.length}.`, ErrorType.ValidationError);
  }
  return text;
}

/** The page size: `limit`, or {@link DEFAULT_PAGE_SIZE}, checked to be within 1…{@link MAX_PAGE_SIZE}. */
export function pageSize(limit: number | null | undefined): number {
  if (limit === null || limit === undefined) return DEFAULT_PAGE_SIZE;
  if (limit < 1 || limit > MAX_PAGE_SIZE) {
    util.error(`limit must be between 1 and ${MAX_PAGE_SIZE}; it is ${limit}.`, ErrorType.ValidationError);
  }
  return limit;
}
