/**
 * AppSync's enhanced subscription filters: the JSON a subscription resolver hands to
 * `extensions.setSubscriptionFilter` / `setSubscriptionInvalidationFilter`, its limits, and the
 * check that refuses a filter past them. This file is the one owner of those rules: the runtime
 * validates with it when the resolver calls the extension, and the real-time evaluator
 * (`emulator/realtime/subscription-filter.ts`) takes its types from here.
 *
 * The shape is `{ filterGroup: [{ filters: [{ fieldName, operator, value }] }] }`: the rules
 * of one group's `filters` are ANDed, the groups ORed.
 *
 * AppSync documents the limits but not the wording of the error a breach gives (only that the
 * subscription fails with a GraphQL error), so the messages below are the emulator's own.
 */
import { isPlainObject, type JsonValue } from './json-value.ts';

/** The operators a rule may use. Case-sensitive: `EQ` or `lte` are refused. */
export const SUBSCRIPTION_FILTER_OPERATORS = [
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'contains',
  'notContains',
  'beginsWith',
  'in',
  'notIn',
  'between',
  'containsAny',
] as const;

/** One of `SUBSCRIPTION_FILTER_OPERATORS`. */
export type SubscriptionFilterOperator = (typeof SUBSCRIPTION_FILTER_OPERATORS)[number];

/** A value a rule compares with: scalars, or a list for `in`, `notIn`, `between`, `containsAny`. */
export type SubscriptionFilterValue = string | number | boolean | Array<string | number>;

/** One rule: the published field at `fieldName` (dotted for nested fields) against `value`. */
export interface SubscriptionFilterRule {
  fieldName: string;
  operator: SubscriptionFilterOperator;
  value: SubscriptionFilterValue;
}

/** Rules that must all hold. */
export interface SubscriptionFilterGroup {
  filters: SubscriptionFilterRule[];
}

/** Groups of which one must hold. */
export interface SubscriptionFilter {
  filterGroup: SubscriptionFilterGroup[];
}

/** AppSync's limits on one filter. */
export const SUBSCRIPTION_FILTER_LIMITS = Object.freeze({
  /** Distinct `fieldName`s in the whole filter (all groups together). */
  maxDistinctFields: 5,
  /** Rules in one group's `filters`; an `in`/`notIn` rule counts once per value. */
  maxRulesPerGroup: 10,
  /** Values of an `in` or `notIn` list. */
  maxInValues: 5,
  /** Values of a `containsAny` list. */
  maxContainsAnyValues: 20,
  /** Characters of a string value, and of a `fieldName`. */
  maxStringLength: 256,
  /** Levels of a dotted `fieldName` (`a.b.c.d.e`). */
  maxFieldDepth: 5,
});

/**
 * A filter AppSync would refuse. Thrown at the `extensions.*` call, so the handler (and
 * `evaluateCode`) fails with it: `errorType` `SubscriptionFilterError`, the emulator's name.
 *
 * @example
 * ```ts
 * try { validateSubscriptionFilter(filter, 'setSubscriptionFilter'); }
 * catch (error) { if (error instanceof SubscriptionFilterError) refuseSubscription(error.message); }
 * ```
 */
export class SubscriptionFilterError extends Error {
  override readonly name = 'SubscriptionFilterError';
}

type Scalar = string | number | boolean;
type ValueKind = 'number' | 'string' | 'boolean';

/** What each operator's value may be: a scalar of these kinds, or a list of them with bounds. */
const VALUE_SHAPES: Readonly<Record<SubscriptionFilterOperator, { kinds: readonly ValueKind[]; list?: { min: number; max: number } }>> = {
  eq: { kinds: ['number', 'string', 'boolean'] },
  ne: { kinds: ['number', 'string', 'boolean'] },
  le: { kinds: ['number', 'string'] },
  lt: { kinds: ['number', 'string'] },
  ge: { kinds: ['number', 'string'] },
  gt: { kinds: ['number', 'string'] },
  contains: { kinds: ['number', 'string'] },
  notContains: { kinds: ['number', 'string'] },
  beginsWith: { kinds: ['string'] },
  in: { kinds: ['number', 'string'], list: { min: 1, max: SUBSCRIPTION_FILTER_LIMITS.maxInValues } },
  notIn: { kinds: ['number', 'string'], list: { min: 1, max: SUBSCRIPTION_FILTER_LIMITS.maxInValues } },
  between: { kinds: ['number', 'string'], list: { min: 2, max: 2 } },
  containsAny: { kinds: ['number', 'string'], list: { min: 1, max: SUBSCRIPTION_FILTER_LIMITS.maxContainsAnyValues } },
};

/**
 * Whether `name` is one of AppSync's filter operators (case-sensitive).
 *
 * @example
 * ```ts
 * isSubscriptionFilterOperator('beginsWith'); // true
 * isSubscriptionFilterOperator('lte'); // false
 * ```
 */
export function isSubscriptionFilterOperator(name: unknown): name is SubscriptionFilterOperator {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(VALUE_SHAPES, name);
}

/**
 * `filter` (already a JSON value) checked against every rule and limit above, returned as a
 * fresh `SubscriptionFilter` holding only the documented keys. Throws a
 * `SubscriptionFilterError` naming the first breach; `caller` starts its message.
 *
 * An empty `filterGroup` is accepted (`util.transform.toSubscriptionFilter({})` gives one) and
 * matches no event: with no group that can hold, the evaluator fails closed. A group with no
 * rules is refused: AppSync documents no meaning for it, and toSubscriptionFilter never writes one.
 *
 * @example
 * ```ts
 * validateSubscriptionFilter(
 *   { filterGroup: [{ filters: [{ fieldName: 'severity', operator: 'ge', value: 3 }] }] },
 *   'extensions.setSubscriptionFilter',
 * );
 * ```
 */
export function validateSubscriptionFilter(filter: JsonValue | undefined, caller: string): SubscriptionFilter {
  const fail = (problem: string): never => {
    throw new SubscriptionFilterError(`${caller}: ${problem}`);
  };
  if (!isPlainObject(filter) || !Array.isArray(filter['filterGroup'])) {
    fail('expected a filter object { filterGroup: [{ filters: [{ fieldName, operator, value }] }] }, as util.transform.toSubscriptionFilter returns');
  }
  const groups = (filter as { filterGroup: JsonValue[] }).filterGroup;
  const fields = new Set<string>();
  const validGroups = groups.map((group, groupIndex): SubscriptionFilterGroup => {
    const where = `filterGroup[${groupIndex}]`;
    if (!isPlainObject(group) || !Array.isArray(group['filters'])) fail(`${where} must be an object with a filters array`);
    const rules = (group as { filters: JsonValue[] }).filters;
    if (rules.length === 0) fail(`${where}.filters is empty: a group needs at least one rule`);
    let weight = 0;
    const validRules = rules.map((rule, ruleIndex) => {
      const valid = validateRule(rule, `${where}.filters[${ruleIndex}]`, fail);
      fields.add(valid.fieldName);
      weight += valid.operator === 'in' || valid.operator === 'notIn' ? (valid.value as unknown[]).length : 1;
      return valid;
    });
    if (weight > SUBSCRIPTION_FILTER_LIMITS.maxRulesPerGroup) {
      fail(
        `${where} has ${weight} rules (an in or notIn rule counts once per value); a group may have at most ${SUBSCRIPTION_FILTER_LIMITS.maxRulesPerGroup}`,
      );
    }
    return { filters: validRules };
  });
  if (fields.size > SUBSCRIPTION_FILTER_LIMITS.maxDistinctFields) {
    fail(`the filter uses ${fields.size} distinct fields (${[...fields].join(', ')}); a filter may use at most ${SUBSCRIPTION_FILTER_LIMITS.maxDistinctFields}`);
  }
  return { filterGroup: validGroups };
}

function validateRule(rule: JsonValue, where: string, fail: (problem: string) => never): SubscriptionFilterRule {
  if (!isPlainObject(rule)) return fail(`${where} must be an object { fieldName, operator, value }`);
  const { fieldName, operator, value } = rule;
  if (typeof fieldName !== 'string' || fieldName.length === 0) return fail(`${where}.fieldName must be a non-empty string`);
  if (fieldName.length > SUBSCRIPTION_FILTER_LIMITS.maxStringLength) {
    fail(`${where}.fieldName is longer than ${SUBSCRIPTION_FILTER_LIMITS.maxStringLength} characters`);
  }
  const levels = fieldName.split('.');
  if (levels.some((level) => level.length === 0)) fail(`${where}.fieldName "${fieldName}" has an empty level`);
  if (levels.length > SUBSCRIPTION_FILTER_LIMITS.maxFieldDepth) {
    fail(`${where}.fieldName "${fieldName}" is nested ${levels.length} levels deep; at most ${SUBSCRIPTION_FILTER_LIMITS.maxFieldDepth} are allowed`);
  }
  if (!isSubscriptionFilterOperator(operator)) {
    return fail(`${where}.operator ${JSON.stringify(operator ?? null)} is not one of ${SUBSCRIPTION_FILTER_OPERATORS.join(', ')} (case-sensitive)`);
  }
  const shape = VALUE_SHAPES[operator];
  const kinds = shape.kinds.length > 1 ? `${shape.kinds.slice(0, -1).join(', ')} or ${shape.kinds.at(-1)}` : shape.kinds.join('');
  if (shape.list === undefined) {
    if (!isScalarOf(value, shape.kinds)) return fail(`${where}: ${operator} takes a ${kinds} value, got ${describe(value)}`);
    checkLength(value, where, fail);
    return { fieldName, operator, value };
  }
  const { min, max } = shape.list;
  const count = min === max ? `exactly ${min}` : `${min} to ${max}`;
  if (!Array.isArray(value)) return fail(`${where}: ${operator} takes a list of ${count} ${kinds} values, got ${describe(value)}`);
  if (value.length < min || value.length > max) fail(`${where}: ${operator} takes ${count} values, got ${value.length}`);
  for (const element of value) {
    if (!isScalarOf(element, shape.kinds)) fail(`${where}: ${operator} takes ${kinds} values, got ${describe(element)}`);
    checkLength(element as Scalar, where, fail);
  }
  if (operator === 'between' && typeof value[0] !== typeof value[1]) fail(`${where}: between takes two bounds of the same type`);
  return { fieldName, operator, value: value as Array<string | number> };
}

function isScalarOf(value: JsonValue | undefined, kinds: readonly ValueKind[]): value is Scalar {
  const kind = typeof value;
  return (kind === 'number' || kind === 'string' || kind === 'boolean') && kinds.includes(kind);
}

function checkLength(value: Scalar, where: string, fail: (problem: string) => never): void {
  if (typeof value === 'string' && value.length > SUBSCRIPTION_FILTER_LIMITS.maxStringLength) {
    fail(`${where}: a string value is longer than ${SUBSCRIPTION_FILTER_LIMITS.maxStringLength} characters`);
  }
}

function describe(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `the ${typeof value} ${JSON.stringify(value)}`;
}
