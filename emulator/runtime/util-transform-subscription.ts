/**
 * `util.transform.toSubscriptionFilter(obj, ignoredFields?, rules?)`: a filter object written
 * the way DynamoDB filters are (`{ severity: { ge: 3 }, or: [...] }`) turned into the
 * `{ filterGroup: [{ filters: [...] }] }` JSON that `extensions.setSubscriptionFilter` takes.
 *
 * Every alternative multiplies the groups out: the operators of one field, the members of an
 * `or`, and the entries of `rules` are ORed, so each becomes its own group; fields and `and`
 * members are ANDed into every group. Groups left with no rule are dropped.
 *
 * Matches AppSync's EvaluateCode outputs (snapshots in localstack/appsync-utils,
 * `transform-subscription.test.js.snap`): it answers an object, not a JSON string; operators and
 * values are carried through unchecked (`setSubscriptionFilter` checks them); `not` is a field
 * name like any other; `ignoredFields` drops a field at any depth; anything but a plain object
 * answers `null`.
 */
import { isPlainObject, toJsonValue, type JsonValue } from './json-value.ts';

/** One rule as this helper writes it: operator and value exactly as given. */
export interface TransformedRule {
  fieldName: string;
  operator: string;
  value: JsonValue;
}

/** What the helper returns. */
export interface TransformedSubscriptionFilter {
  filterGroup: Array<{ filters: TransformedRule[] }>;
}

/**
 * Groups past this number make the helper throw: a few fields with several operators each
 * multiply out fast, and the realm should fail clearly rather than run out of memory. AppSync
 * documents no such bound; a filter near it is far past what `setSubscriptionFilter` accepts
 * in fields and rules anyway.
 */
const MAX_EXPANDED_GROUPS = 1_000;

type Groups = TransformedRule[][];

/**
 * The subscription filter for `filter`, or `null` when `filter` is not a plain object.
 *
 * @example
 * ```ts
 * toSubscriptionFilter({ severity: { ge: 3 }, or: [{ group: { eq: 'ops' } }, { group: { eq: 'dev' } }] });
 * // { filterGroup: [
 * //   { filters: [{ fieldName: 'severity', operator: 'ge', value: 3 }, { fieldName: 'group', operator: 'eq', value: 'ops' }] },
 * //   { filters: [{ fieldName: 'severity', operator: 'ge', value: 3 }, { fieldName: 'group', operator: 'eq', value: 'dev' }] },
 * // ] }
 * ```
 */
export function toSubscriptionFilter(filter: unknown, ignoredFields?: unknown, rules?: unknown): TransformedSubscriptionFilter | null {
  const value = toJsonValue(filter);
  if (!isPlainObject(value)) return null;
  const ignored = new Set(Array.isArray(ignoredFields) ? ignoredFields.filter((name): name is string => typeof name === 'string') : []);
  let groups = expand(value, ignored);
  if (groups === null) return null;
  const extra = toJsonValue(rules);
  if (isPlainObject(extra) && Object.keys(extra).length > 0) {
    // At least one rule must hold: each is one more alternative for every group.
    const alternatives: Groups = [];
    for (const [fieldName, operators] of Object.entries(extra)) {
      const fieldRules = rulesOf(fieldName, operators);
      if (fieldRules === null) return null;
      alternatives.push(...fieldRules.map((rule) => [rule]));
    }
    groups = product(groups, alternatives);
  }
  return { filterGroup: groups.filter((rulesOfGroup) => rulesOfGroup.length > 0).map((filters) => ({ filters })) };
}

/** The groups (each an AND of rules, together an OR) that `filter` stands for; `null` if unreadable. */
function expand(filter: { [key: string]: JsonValue }, ignored: ReadonlySet<string>): Groups | null {
  let groups: Groups = [[]];
  for (const [key, member] of Object.entries(filter)) {
    let alternatives: Groups | null;
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(member)) return null;
      const parts: Groups[] = [];
      for (const part of member) {
        const expanded = isPlainObject(part) ? expand(part, ignored) : null;
        if (expanded === null) return null;
        parts.push(expanded);
      }
      alternatives = key === 'and' ? parts.reduce(product, [[]]) : parts.flat();
    } else if (ignored.has(key)) {
      continue;
    } else {
      const fieldRules = rulesOf(key, member);
      alternatives = fieldRules === null ? null : fieldRules.map((rule) => [rule]);
    }
    if (alternatives === null) return null;
    groups = product(groups, alternatives);
  }
  return groups;
}

/** The rules `{ op: value, ... }` of one field, each an alternative; `null` if not an object. */
function rulesOf(fieldName: string, operators: JsonValue): TransformedRule[] | null {
  if (!isPlainObject(operators)) return null;
  return Object.entries(operators).map(([operator, value]) => ({ fieldName, operator, value }));
}

/** Every group of `left` extended by every alternative of `right`, `left` varying slowest. */
function product(left: Groups, right: Groups): Groups {
  if (left.length * right.length > MAX_EXPANDED_GROUPS) {
    throw new Error(`util.transform.toSubscriptionFilter: the filter expands to more than ${MAX_EXPANDED_GROUPS} groups`);
  }
  return left.flatMap((group) => right.map((alternative) => [...group, ...alternative]));
}
