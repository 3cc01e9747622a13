/**
 * A stand-in for the emulator's enhanced-filter evaluator, named as such: groups ORed, the
 * rules of a group ANDed, operators `eq`, `ne` and `in` only. The tests here check that
 * delivery obeys whatever the evaluator decides, not the evaluator itself.
 */
import type { MatchesSubscriptionFilter } from '../../../../emulator/realtime/registration.ts';

interface Rule {
  fieldName: string;
  operator: string;
  value: unknown;
}

function fieldValue(payload: unknown, path: string): unknown {
  let at: unknown = payload;
  for (const part of path.split('.')) at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
  return at;
}

function holds(rule: Rule, payload: unknown): boolean {
  const value = fieldValue(payload, rule.fieldName);
  if (value === undefined || value === null) return false;
  if (rule.operator === 'eq') return value === rule.value;
  if (rule.operator === 'ne') return value !== rule.value;
  if (rule.operator === 'in') return Array.isArray(rule.value) && rule.value.includes(value);
  return false;
}

/** @example standInMatchesSubscriptionFilter({ filterGroup: [{ filters: [{ fieldName: 'a', operator: 'eq', value: 1 }] }] }, { a: 1 }); // true */
export const standInMatchesSubscriptionFilter: MatchesSubscriptionFilter = (filter, payload) => {
  const groups = (filter as { filterGroup?: Array<{ filters?: Rule[] }> }).filterGroup ?? [];
  return groups.some((group) => (group.filters ?? []).every((rule) => holds(rule, payload)));
};
