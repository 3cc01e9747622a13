import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesSubscriptionFilter } from '../../../emulator/realtime/subscription-filter.ts';
import { SUBSCRIPTION_FILTER_OPERATORS, type SubscriptionFilter, type SubscriptionFilterRule } from '../../../emulator/runtime/subscription-filter-rules.ts';
import { makeModules } from '../runtime/helpers.ts';

// Groups are ORed and the rules of a group ANDed (AppSync's guide, "Enhanced subscription
// filtering"). Where the guide is silent the evaluator fails closed: an absent or null field
// matches no rule, numbers and strings are never coerced.

type Rule = SubscriptionFilterRule;
const rule = (fieldName: string, operator: Rule['operator'], value: Rule['value']): Rule => ({ fieldName, operator, value });
const anyOf = (...groups: Rule[][]): SubscriptionFilter => ({ filterGroup: groups.map((filters) => ({ filters })) });
const allOf = (...rules: Rule[]): SubscriptionFilter => anyOf(rules);
const matches = (filter: SubscriptionFilter, payload: unknown) => matchesSubscriptionFilter(filter, payload);

describe('Realtime: subscription filter operators', () => {
  it.each([
    // operator, value, field value, matches
    ['eq', 'ops', 'ops', true],
    ['eq', 'ops', 'dev', false],
    ['eq', 3, 3, true],
    ['eq', 3, '3', false],
    ['eq', '3', 3, false],
    ['eq', true, true, true],
    ['eq', true, 'true', false],
    ['eq', 1, true, false],
    ['eq', 'a', ['a'], false],
    ['ne', 'ops', 'dev', true],
    ['ne', 'ops', 'ops', false],
    ['ne', 3, '3', true],
    ['ne', false, true, true],
    ['ne', 'a', ['b'], false],
    ['ne', 'a', { a: 1 }, false],
    ['lt', 5, 4, true],
    ['lt', 5, 5, false],
    ['le', 5, 5, true],
    ['le', 5, 6, false],
    ['gt', 5, 6, true],
    ['gt', 5, 5, false],
    ['ge', 5, 5, true],
    ['ge', 5, 4.5, false],
    ['gt', 5, '6', false],
    ['lt', '5', 4, false],
    ['lt', 'b', 'a', true],
    ['lt', 'b', 'B', true],
    ['ge', 'b', 'ba', true],
    ['gt', 0, true, false],
    ['contains', 'ell', 'hello', true],
    ['contains', 'xyz', 'hello', false],
    ['contains', 'a', ['a', 'b'], true],
    ['contains', 2, [1, 2], true],
    ['contains', 2, ['2'], false],
    ['contains', 1, '123', false],
    ['contains', 1, 1, false],
    ['notContains', 'xyz', 'hello', true],
    ['notContains', 'ell', 'hello', false],
    ['notContains', 'c', ['a', 'b'], true],
    ['notContains', 'a', ['a', 'b'], false],
    ['notContains', 1, '123', false],
    ['notContains', 'a', 5, false],
    ['beginsWith', 'he', 'hello', true],
    ['beginsWith', 'lo', 'hello', false],
    ['beginsWith', 'he', ['hello'], false],
    ['in', ['ops', 'dev'], 'dev', true],
    ['in', ['ops', 'dev'], 'qa', false],
    ['in', [1, 2], 2, true],
    ['in', [1, 2], '2', false],
    ['in', ['a'], ['a'], false],
    ['notIn', ['ops', 'dev'], 'qa', true],
    ['notIn', ['ops', 'dev'], 'ops', false],
    ['notIn', [1, 2], '1', true],
    ['notIn', ['a'], ['b'], false],
    ['between', [1, 5], 1, true],
    ['between', [1, 5], 5, true],
    ['between', [1, 5], 3, true],
    ['between', [1, 5], 0, false],
    ['between', [1, 5], 6, false],
    ['between', [1, 5], '3', false],
    ['between', ['b', 'd'], 'c', true],
    ['between', ['b', 'd'], 'e', false],
    ['containsAny', ['a', 'x'], ['x', 'y'], true],
    ['containsAny', ['a', 'b'], ['x', 'y'], false],
    ['containsAny', [1], ['1'], false],
    ['containsAny', ['a'], 'a', false],
    ['containsAny', ['a'], [], false],
  ] as const)('%s %j on the field value %j matches: %s', (operator, value, field, expected) => {
    expect(matches(allOf(rule('f', operator, value as Rule['value'])), { f: field })).toBe(expected);
  });

  it.each([
    ['eq', 'a'],
    ['ne', 'a'],
    ['lt', 1],
    ['contains', 'a'],
    ['notContains', 'a'],
    ['beginsWith', 'a'],
    ['in', ['a']],
    ['notIn', ['a']],
    ['between', [1, 2]],
    ['containsAny', ['a']],
  ] as const)('never matches %s on an absent or null field (fails closed)', (operator, value) => {
    const filter = allOf(rule('f', operator, value as Rule['value']));
    expect(matches(filter, {})).toBe(false);
    expect(matches(filter, { f: null })).toBe(false);
    expect(matches(filter, { g: 'a' })).toBe(false);
  });

  it('matches nothing for an operator it does not know', () => {
    expect(matches(allOf({ fieldName: 'f', operator: 'lte' as Rule['operator'], value: 5 }), { f: 1 })).toBe(false);
  });
});

describe('Realtime: subscription filter fields and groups', () => {
  it('follows dotted field names into nested objects', () => {
    // Prepare
    const filter = allOf(rule('ticket.assignee.group', 'eq', 'ops'));

    // Act + Assess
    expect(matches(filter, { ticket: { assignee: { group: 'ops' } } })).toBe(true);
    expect(matches(filter, { ticket: { assignee: { group: 'dev' } } })).toBe(false);
    expect(matches(filter, { ticket: { assignee: null } })).toBe(false);
    expect(matches(filter, { ticket: 'ops' })).toBe(false);
    expect(matches(filter, { ticket: [{ assignee: { group: 'ops' } }] })).toBe(false);
    expect(matches(filter, { 'ticket.assignee.group': 'ops' })).toBe(false);
  });

  it('reads own properties only, never the prototype chain', () => {
    expect(matches(allOf(rule('constructor.name', 'eq', 'Object')), {})).toBe(false);
    expect(matches(allOf(rule('toString', 'ne', 'x')), {})).toBe(false);
    expect(matches(allOf(rule('__proto__', 'ne', 'x')), JSON.parse('{"a":1}'))).toBe(false);
  });

  it('ANDs the rules of a group and ORs the groups', () => {
    // Prepare
    const filter = anyOf([rule('severity', 'ge', 3), rule('group', 'eq', 'ops')], [rule('assignee', 'eq', 'u-1')]);

    // Act + Assess
    expect(matches(filter, { severity: 4, group: 'ops' })).toBe(true);
    expect(matches(filter, { severity: 4, group: 'dev' })).toBe(false);
    expect(matches(filter, { severity: 1, group: 'ops' })).toBe(false);
    expect(matches(filter, { severity: 1, group: 'dev', assignee: 'u-1' })).toBe(true);
  });

  it('matches nothing with no group, and ignores a group with no rules', () => {
    expect(matches({ filterGroup: [] }, { a: 1 })).toBe(false);
    expect(matches({ filterGroup: [{ filters: [] }] }, { a: 1 })).toBe(false);
  });

  it('matches nothing for a payload that is not an object', () => {
    const filter = allOf(rule('a', 'ne', 'x'));
    expect(matches(filter, null)).toBe(false);
    expect(matches(filter, 'a')).toBe(false);
    expect(matches(filter, [{ a: 'y' }])).toBe(false);
  });

  it('evaluates what util.transform.toSubscriptionFilter writes: operators of one field ORed', () => {
    // Prepare
    const { util } = makeModules();
    const filter = util.transform.toSubscriptionFilter({ severity: { lt: 2, gt: 4 }, status: { ne: 'CLOSED' } }) as SubscriptionFilter;

    // Act + Assess
    expect(matches(filter, { severity: 1, status: 'OPEN' })).toBe(true);
    expect(matches(filter, { severity: 5, status: 'OPEN' })).toBe(true);
    expect(matches(filter, { severity: 3, status: 'OPEN' })).toBe(false);
    expect(matches(filter, { severity: 5, status: 'CLOSED' })).toBe(false);
  });
});

describe('Realtime: subscription filter properties', () => {
  const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -20, max: 20 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean());
  const orderable = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -20, max: 20 }));
  const fieldValue = fc.oneof(scalar, fc.constant(null), fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 2 }));
  const payloadWith = (value: unknown) => ({ f: value, other: 'x' });

  it('a group of one eq matches exactly the payloads holding that value, same type', () => {
    fc.assert(
      fc.property(scalar, fieldValue, (value, field) => {
        expect(matches(allOf(rule('f', 'eq', value)), payloadWith(field))).toBe(field === value);
      }),
    );
  });

  it('ne is the complement of eq on scalar fields, and false with eq on any other', () => {
    fc.assert(
      fc.property(scalar, fieldValue, (value, field) => {
        const eq = matches(allOf(rule('f', 'eq', value)), payloadWith(field));
        const ne = matches(allOf(rule('f', 'ne', value)), payloadWith(field));
        const isScalar = ['string', 'number', 'boolean'].includes(typeof field);
        expect(ne).toBe(isScalar ? !eq : false);
      }),
    );
  });

  it('in is the OR of eq over its values, and notIn its complement on scalar fields', () => {
    fc.assert(
      fc.property(fc.array(orderable, { minLength: 1, maxLength: 5 }), fieldValue, (values, field) => {
        const inValues = matches(allOf(rule('f', 'in', values)), payloadWith(field));
        const someEq = matches(anyOf(...values.map((value) => [rule('f', 'eq', value)])), payloadWith(field));
        const notIn = matches(allOf(rule('f', 'notIn', values)), payloadWith(field));
        expect(inValues).toBe(someEq);
        expect(notIn).toBe(['string', 'number', 'boolean'].includes(typeof field) ? !inValues : false);
      }),
    );
  });

  it('between is ge the low bound AND le the high bound', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), (low, high, field) => {
        expect(matches(allOf(rule('f', 'between', [low, high])), payloadWith(field))).toBe(
          matches(allOf(rule('f', 'ge', low), rule('f', 'le', high)), payloadWith(field)),
        );
      }),
    );
  });

  it('groups OR and rules AND, whatever the rules', () => {
    const anyRule = fc.record({
      fieldName: fc.constantFrom('a', 'b', 'c.d'),
      operator: fc.constantFrom('eq', 'ne', 'lt', 'ge', 'contains', 'beginsWith'),
      value: orderable,
    }) as fc.Arbitrary<Rule>;
    const payload = fc.record({ a: fieldValue, b: fieldValue, c: fc.record({ d: fieldValue }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.array(anyRule, { minLength: 1, maxLength: 3 }), fc.array(anyRule, { minLength: 1, maxLength: 3 }), payload, (first, second, data) => {
        const one = (rules: Rule[]) => matches(allOf(...rules), data);
        expect(one(first)).toBe(first.every((single) => one([single])));
        expect(matches(anyOf(first, second), data)).toBe(one(first) || one(second));
      }),
    );
  });

  it('no rule of any operator matches a field absent from the payload', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SUBSCRIPTION_FILTER_OPERATORS), fc.oneof(scalar, fc.array(orderable, { minLength: 1, maxLength: 5 })), (operator, value) => {
        expect(matches(allOf(rule('missing', operator, value)), payloadWith('x'))).toBe(false);
      }),
    );
  });

  it('never coerces a number into its string', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom('eq', 'le', 'ge', 'contains', 'beginsWith') as fc.Arbitrary<Rule['operator']>, (number, operator) => {
        expect(matches(allOf(rule('f', operator, String(number))), payloadWith(number))).toBe(false);
        expect(matches(allOf(rule('f', operator, number)), payloadWith(String(number)))).toBe(false);
      }),
    );
  });
});
