/**
 * Evaluates an enhanced subscription filter on a published payload: whether one subscriber
 * gets one event. The filter is the one a subscription resolver set with
 * `extensions.setSubscriptionFilter` (or `setSubscriptionInvalidationFilter`), already checked
 * by the runtime (`emulator/runtime/subscription-filter-rules.ts`); the payload is the
 * mutation's selection set, as it is published.
 *
 * Groups are ORed, the rules of a group ANDed. Where AppSync's documentation is silent, this
 * fails closed: a field absent from the payload or `null` (what a field the mutation did not
 * select is for subscribers) matches no rule, not even `ne`, `notIn` or `notContains`; numbers
 * and strings are never coerced into each other; an unknown operator matches nothing.
 */
import type { SubscriptionFilter, SubscriptionFilterRule } from '../runtime/subscription-filter-rules.ts';

type Scalar = string | number | boolean;

/**
 * Whether `payload` passes `filter`: true when every rule of at least one group holds.
 *
 * @example
 * ```ts
 * const filter = { filterGroup: [{ filters: [{ fieldName: 'severity', operator: 'ge', value: 3 }] }] };
 * matchesSubscriptionFilter(filter, { severity: 4 }); // true
 * matchesSubscriptionFilter(filter, { severity: '4' }); // false: no coercion
 * matchesSubscriptionFilter(filter, {}); // false: an absent field never matches
 * ```
 */
export function matchesSubscriptionFilter(filter: SubscriptionFilter, payload: unknown): boolean {
  const groups: unknown = filter?.filterGroup;
  if (!Array.isArray(groups)) return false;
  return groups.some((group: { filters?: unknown } | null) => {
    const rules = group?.filters;
    return Array.isArray(rules) && rules.length > 0 && rules.every((rule: SubscriptionFilterRule) => matchesRule(rule, payload));
  });
}

function matchesRule(rule: SubscriptionFilterRule, payload: unknown): boolean {
  if (typeof rule?.fieldName !== 'string') return false;
  const field = fieldValue(payload, rule.fieldName);
  if (field === undefined || field === null) return false;
  const { value } = rule;
  switch (rule.operator) {
    case 'eq':
      return isScalar(field) && field === value;
    case 'ne':
      return isScalar(field) && field !== value;
    case 'lt':
      return order(field, value) === -1;
    case 'le':
      return order(field, value) === -1 || order(field, value) === 0;
    case 'gt':
      return order(field, value) === 1;
    case 'ge':
      return order(field, value) === 1 || order(field, value) === 0;
    case 'contains':
      return contains(field, value) === true;
    case 'notContains':
      return contains(field, value) === false;
    case 'beginsWith':
      return typeof field === 'string' && typeof value === 'string' && field.startsWith(value);
    case 'in':
      return isScalar(field) && Array.isArray(value) && value.some((option) => option === field);
    case 'notIn':
      return isScalar(field) && Array.isArray(value) && !value.some((option) => option === field);
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) return false;
      const [low, high] = value;
      const fromLow = order(field, low);
      const toHigh = order(field, high);
      return (fromLow === 0 || fromLow === 1) && (toHigh === 0 || toHigh === -1);
    }
    case 'containsAny':
      return Array.isArray(field) && Array.isArray(value) && field.some((element) => value.some((option) => option === element));
    default:
      return false;
  }
}

/**
 * The value at a dotted path. Walks own properties of plain objects only, so that a path such
 * as `constructor.name` or `__proto__` never reaches anything the payload does not hold.
 */
function fieldValue(payload: unknown, fieldName: string): unknown {
  let current: unknown = payload;
  for (const level of fieldName.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, level)) return undefined;
    current = (current as Record<string, unknown>)[level];
  }
  return current;
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * -1, 0 or 1 as `field` sorts before, with or after `value`; `undefined` unless both are
 * numbers or both strings (strings by UTF-16 code units, as Java's `compareTo`).
 */
function order(field: unknown, value: unknown): -1 | 0 | 1 | undefined {
  const bothNumbers = typeof field === 'number' && typeof value === 'number';
  const bothStrings = typeof field === 'string' && typeof value === 'string';
  if (!bothNumbers && !bothStrings) return undefined;
  if (field < value) return -1;
  return field > value ? 1 : 0;
}

/**
 * Whether `field` contains `value` (a substring of a string, an element of a list), or
 * `undefined` when the question has no answer (another type): then neither `contains` nor
 * `notContains` holds.
 */
function contains(field: unknown, value: unknown): boolean | undefined {
  if (typeof field === 'string') return typeof value === 'string' ? field.includes(value) : undefined;
  if (Array.isArray(field)) return field.some((element) => element === value);
  return undefined;
}
