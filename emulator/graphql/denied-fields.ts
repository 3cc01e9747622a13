/**
 * Reads the authorizer's `deniedFields` as AppSync does: `Type.field` or the field's full ARN
 * (`arn:aws:appsync:<region>:<account>:apis/<apiId>/types/<Type>/fields/<field>`); no wildcards.
 * The one reader of both forms: the GraphQL step and the console's decision panel use it.
 */

const FIELD_ARN = /^arn:aws:appsync:[^:]*:[^:]*:apis\/[^/]+\/types\/([^/]+)\/fields\/([^/]+)$/;
const COORDINATE = /^[_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * The `Type.field` coordinate a `deniedFields` entry names, or `null` when it is in neither of
 * AppSync's forms (such an entry denies nothing).
 *
 * @example
 * deniedFieldCoordinate('arn:aws:appsync:us-east-1:1:apis/x/types/Ticket/fields/internalNotes'); // 'Ticket.internalNotes'
 * deniedFieldCoordinate('Ticket.*'); // null
 */
export function deniedFieldCoordinate(entry: string): string | null {
  const arn = FIELD_ARN.exec(entry);
  if (arn !== null) return `${arn[1]}.${arn[2]}`;
  return COORDINATE.test(entry) ? entry : null;
}

/**
 * The denied `Type.field` coordinates. Entries in neither form are ignored, as AppSync does.
 *
 * @example
 * deniedFieldSet(['Ticket.internalNotes']).has('Ticket.internalNotes'); // true
 */
export function deniedFieldSet(deniedFields: unknown): ReadonlySet<string> {
  const out = new Set<string>();
  if (!Array.isArray(deniedFields)) return out;
  for (const entry of deniedFields) {
    if (typeof entry !== 'string') continue;
    const coordinate = deniedFieldCoordinate(entry);
    if (coordinate !== null) out.add(coordinate);
  }
  return out;
}
