/**
 * Reads the authorizer's `deniedFields` as AppSync does: `Type.field` or the field's full ARN
 * (`arn:aws:appsync:<region>:<account>:apis/<apiId>/types/<Type>/fields/<field>`); no wildcards.
 */

const FIELD_ARN = /^arn:aws:appsync:[^:]*:[^:]*:apis\/[^/]+\/types\/([^/]+)\/fields\/([^/]+)$/;
const COORDINATE = /^[_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*$/;

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
    const arn = FIELD_ARN.exec(entry);
    if (arn !== null) out.add(`${arn[1]}.${arn[2]}`);
    else if (COORDINATE.test(entry)) out.add(entry);
  }
  return out;
}
