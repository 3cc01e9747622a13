/**
 * Refusing a selection set that names a field the caller may not read, before anything runs.
 * Subscriptions need it: whether AppSync applies the authorizer's `deniedFields` to a
 * subscription's data is not documented, so their resolvers refuse such a subscription outright
 * instead of counting on the field being nulled on delivery.
 *
 * AppSync describes the selection twice, and neither is complete alone:
 * - `selectionSetList` (`comments/author`) expands fragments, but lists an aliased field under
 *   its alias only;
 * - `selectionSetGraphQL` shows aliases (`notes: internalNotes`), but a named fragment only as
 *   its spread (`...TicketFields`), not the fields it holds.
 * So every name is looked for in both, and a caller who may not read some field may not spread
 * a named fragment (what it holds cannot be seen); inline fragments (`... on Ticket { … }`) are
 * visible and fine.
 *
 * APPSYNC_JS has no schema at run time to tell which type a name belongs to, so a name counts as
 * denied when the caller may not read a field of that name on any object type: that can only
 * refuse more, never less.
 */
import { util, type Info } from '@aws-appsync/utils';
import { deniedFields } from '../../policy/decide.ts';
import type { Identity } from '../../policy/identity.ts';
import { ErrorType } from './errors.ts';

/** The operation types, whose fields are reached by the operation itself, not by a selection. */
const OPERATION_TYPES: readonly string[] = ['Query', 'Mutation', 'Subscription'];

/** The characters of a GraphQL name (`[_A-Za-z][_0-9A-Za-z]*`). */
const NAME_CHARACTERS = '_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Stops the resolver with `Unauthorized` when the selection set names a field the caller may not
 * read, or spreads a named fragment while there is such a field.
 *
 * @example
 * requireReadableSelection(callerOf(ctx), ctx.info); // a customer selecting internalNotes stops here
 */
export function requireReadableSelection(caller: Identity, info: Partial<Info> | null | undefined): void {
  const denied = deniedFields(caller).filter((coordinate) => !OPERATION_TYPES.includes(coordinate.split('.')[0] as string));
  if (denied.length === 0) return;
  const list = info === null || info === undefined ? undefined : info.selectionSetList;
  const text = info === null || info === undefined ? undefined : info.selectionSetGraphQL;
  if (!Array.isArray(list) || typeof text !== 'string') {
    util.error('The selection set could not be read, so it cannot be checked against the fields you may read.', ErrorType.Unauthorized);
  }

  const names: string[] = namesOf(text as string);
  for (const path of list as string[]) {
    for (const segment of path.split('/')) names.push(segment);
  }
  const named = denied.filter((coordinate) => names.includes(coordinate.split('.')[1] as string));
  if (named.length > 0) {
    util.error(`Not Authorized to access ${named.join(', ')}: remove it from the selection set.`, ErrorType.Unauthorized);
  }
  if (spreadsNamedFragment(text as string)) {
    util.error(
      'Not Authorized to spread a named fragment here, as it could hold a field you may not read: select the fields directly or in an inline fragment (... on Type { … }).',
      ErrorType.Unauthorized,
    );
  }
}

/** Every GraphQL name in `text`, in order: field names, aliases, type names, argument names. */
function namesOf(text: string): string[] {
  const names: string[] = [];
  let current = '';
  for (const character of text.split('')) {
    if (NAME_CHARACTERS.includes(character)) {
      current += character;
    } else if (current !== '') {
      names.push(current);
      current = '';
    }
  }
  if (current !== '') names.push(current);
  return names;
}

/** Whether `text` spreads a named fragment: `...` followed by a name other than `on`. */
function spreadsNamedFragment(text: string): boolean {
  for (const rest of text.split('...').slice(1)) {
    const after = rest.trim();
    // `... {`, `... @include(…) {` and `... on Type {` are inline fragments.
    if (!after.startsWith('{') && !after.startsWith('@') && namesOf(after)[0] !== 'on') return true;
  }
  return false;
}
