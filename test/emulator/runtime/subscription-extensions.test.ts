import { describe, expect, it } from 'vitest';
import { SubscriptionFilterError } from '../../../emulator/runtime/subscription-filter-rules.ts';
import { InvalidateSubscriptionsError } from '../../../emulator/runtime/subscription-extensions.ts';
import { makeModules, thrownBy } from './helpers.ts';

// The limits are AppSync's, from the developer guide ("Enhanced subscription filtering" and
// the extensions reference): operators are case-sensitive; in/notIn take at most 5 values and
// count once per value towards the 10 rules of a group; containsAny takes at most 20; a filter
// uses at most 5 fields; strings are at most 256 characters; a field path is at most 5 levels
// deep; at most 5 distinct invalidateSubscriptions calls per request. AppSync does not
// document the wording of the errors, so the messages asserted here are the emulator's.

const rule = (fieldName: string, operator: string, value: unknown) => ({ fieldName, operator, value });
const oneGroup = (...filters: unknown[]) => ({ filterGroup: [{ filters }] });

/** The message of the SubscriptionFilterError that `setSubscriptionFilter(filter)` throws. */
function refusal(filter: unknown): string {
  const { extensions, session } = makeModules();
  const thrown = thrownBy(() => extensions.setSubscriptionFilter(filter));
  expect(thrown).toBeInstanceOf(SubscriptionFilterError);
  expect((thrown as Error).name).toBe('SubscriptionFilterError');
  expect(session.extensions).toEqual([]);
  return (thrown as Error).message;
}

describe('Runtime: extensions.setSubscriptionFilter', () => {
  it('records the filter util.transform.toSubscriptionFilter made, for the emulator to apply', () => {
    // Prepare
    const { util, extensions, session } = makeModules();
    const filter = util.transform.toSubscriptionFilter({ severity: { ge: 3 }, group: { in: ['ops', 'dev'] } });

    // Act
    extensions.setSubscriptionFilter(filter);

    // Assess
    expect(session.extensions).toEqual([
      { name: 'setSubscriptionFilter', args: [oneGroup(rule('severity', 'ge', 3), rule('group', 'in', ['ops', 'dev']))] },
    ]);
  });

  it('records a copy holding only fieldName, operator and value, untouched by later changes', () => {
    // Prepare
    const { extensions, session } = makeModules();
    const filter = { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'eq', value: 1, note: 'x' }], extra: true }] };

    // Act
    extensions.setSubscriptionFilter(filter);
    filter.filterGroup[0]!.filters[0]!.value = 2;

    // Assess
    expect(session.extensions[0]?.args).toEqual([oneGroup(rule('a', 'eq', 1))]);
  });

  it.each([
    ['eq', 1],
    ['eq', 'x'],
    ['eq', true],
    ['ne', false],
    ['le', 1],
    ['lt', 'b'],
    ['ge', 2.5],
    ['gt', -1],
    ['contains', 'x'],
    ['notContains', 3],
    ['beginsWith', 'pre'],
    ['in', [1, 'a']],
    ['notIn', ['a', 'b', 'c', 'd', 'e']],
    ['between', [1, 9]],
    ['between', ['a', 'm']],
    ['containsAny', Array.from({ length: 20 }, (_, index) => `t${index}`)],
  ])('accepts %s with %j', (operator, value) => {
    const { extensions, session } = makeModules();
    extensions.setSubscriptionFilter(oneGroup(rule('f', operator, value)));
    expect(session.extensions).toHaveLength(1);
  });

  it.each([
    ['EQ', 1],
    ['lte', 1],
    ['attributeExists', true],
  ])('refuses the operator %s (operators are case-sensitive)', (operator, value) => {
    expect(refusal(oneGroup(rule('f', operator, value)))).toBe(
      `extensions.setSubscriptionFilter: filterGroup[0].filters[0].operator "${operator}" is not one of eq, ne, le, lt, ge, gt, contains, notContains, beginsWith, in, notIn, between, containsAny (case-sensitive)`,
    );
  });

  it.each([
    ['le', true, 'le takes a number or string value, got the boolean true'],
    ['contains', false, 'contains takes a number or string value, got the boolean false'],
    ['beginsWith', 1, 'beginsWith takes a string value, got the number 1'],
    ['eq', null, 'eq takes a number, string or boolean value, got null'],
    ['eq', [1], 'eq takes a number, string or boolean value, got a list'],
    ['ne', { a: 1 }, 'ne takes a number, string or boolean value, got an object'],
    ['in', 'a', 'in takes a list of 1 to 5 number or string values, got the string "a"'],
    ['in', [true], 'in takes number or string values, got the boolean true'],
    ['between', [1], 'between takes exactly 2 values, got 1'],
    ['between', [1, 2, 3], 'between takes exactly 2 values, got 3'],
    ['between', [1, 'z'], 'between takes two bounds of the same type'],
    ['containsAny', [], 'containsAny takes 1 to 20 values, got 0'],
  ])('refuses %s with the value %j', (operator, value, problem) => {
    expect(refusal(oneGroup(rule('f', operator, value)))).toBe(`extensions.setSubscriptionFilter: filterGroup[0].filters[0]: ${problem}`);
  });

  it('refuses in and notIn with more than 5 values, and containsAny with more than 20', () => {
    expect(refusal(oneGroup(rule('f', 'in', [1, 2, 3, 4, 5, 6])))).toMatch(/in takes 1 to 5 values, got 6$/);
    expect(refusal(oneGroup(rule('f', 'notIn', ['a', 'b', 'c', 'd', 'e', 'f'])))).toMatch(/notIn takes 1 to 5 values, got 6$/);
    expect(refusal(oneGroup(rule('f', 'containsAny', Array.from({ length: 21 }, (_, index) => index))))).toMatch(
      /containsAny takes 1 to 20 values, got 21$/,
    );
  });

  it('allows 10 rules in a group and refuses 11, counting in and notIn once per value', () => {
    // Prepare
    const ten = Array.from({ length: 10 }, () => rule('f', 'ne', 'x'));
    const weighted = [rule('a', 'in', [1, 2, 3, 4, 5]), rule('b', 'notIn', [1, 2, 3, 4]), rule('c', 'eq', 1)];
    const { extensions } = makeModules();

    // Act
    extensions.setSubscriptionFilter(oneGroup(...ten));
    extensions.setSubscriptionFilter(oneGroup(...weighted.slice(0, 2), rule('a', 'eq', 0)));

    // Assess
    expect(refusal(oneGroup(...ten, rule('f', 'eq', 'y')))).toBe(
      'extensions.setSubscriptionFilter: filterGroup[0] has 11 rules (an in or notIn rule counts once per value); a group may have at most 10',
    );
    expect(refusal({ filterGroup: [{ filters: [rule('a', 'eq', 1)] }, { filters: weighted.concat(rule('c', 'ne', 2)) }] })).toMatch(
      /^extensions\.setSubscriptionFilter: filterGroup\[1\] has 11 rules/,
    );
  });

  it('allows 5 distinct fields in a filter and refuses 6, counted across groups', () => {
    // Prepare
    const { extensions } = makeModules();
    const five = ['a', 'b', 'c', 'd', 'e'].map((field) => rule(field, 'eq', 1));

    // Act
    extensions.setSubscriptionFilter({ filterGroup: [{ filters: five }, { filters: [rule('a', 'ne', 2)] }] });

    // Assess
    expect(refusal({ filterGroup: [{ filters: five }, { filters: [rule('f', 'eq', 1)] }] })).toBe(
      'extensions.setSubscriptionFilter: the filter uses 6 distinct fields (a, b, c, d, e, f); a filter may use at most 5',
    );
  });

  it('allows strings of 256 characters and refuses 257, in values, lists and field names', () => {
    // Prepare
    const { extensions } = makeModules();
    const longest = 'x'.repeat(256);
    const tooLong = 'x'.repeat(257);

    // Act
    extensions.setSubscriptionFilter(oneGroup(rule(longest, 'eq', longest), rule('f', 'in', [longest])));

    // Assess
    expect(refusal(oneGroup(rule('f', 'eq', tooLong)))).toBe(
      'extensions.setSubscriptionFilter: filterGroup[0].filters[0]: a string value is longer than 256 characters',
    );
    expect(refusal(oneGroup(rule('f', 'containsAny', ['a', tooLong])))).toMatch(/a string value is longer than 256 characters$/);
    expect(refusal(oneGroup(rule(tooLong, 'eq', 1)))).toBe(
      'extensions.setSubscriptionFilter: filterGroup[0].filters[0].fieldName is longer than 256 characters',
    );
  });

  it('allows a field path 5 levels deep and refuses 6, and refuses empty levels', () => {
    // Prepare
    const { extensions } = makeModules();

    // Act
    extensions.setSubscriptionFilter(oneGroup(rule('a.b.c.d.e', 'eq', 1)));

    // Assess
    expect(refusal(oneGroup(rule('a.b.c.d.e.f', 'eq', 1)))).toBe(
      'extensions.setSubscriptionFilter: filterGroup[0].filters[0].fieldName "a.b.c.d.e.f" is nested 6 levels deep; at most 5 are allowed',
    );
    expect(refusal(oneGroup(rule('a..b', 'eq', 1)))).toMatch(/fieldName "a\.\.b" has an empty level$/);
    expect(refusal(oneGroup(rule('', 'eq', 1)))).toMatch(/fieldName must be a non-empty string$/);
  });

  it('refuses what is not a filter: null, a JSON string, an empty group, a malformed rule', () => {
    expect(refusal(null)).toBe(
      'extensions.setSubscriptionFilter: expected a filter object { filterGroup: [{ filters: [{ fieldName, operator, value }] }] }, as util.transform.toSubscriptionFilter returns',
    );
    expect(refusal(JSON.stringify(oneGroup(rule('a', 'eq', 1))))).toMatch(/expected a filter object/);
    expect(refusal({ filterGroup: [{ filters: [] }] })).toBe(
      'extensions.setSubscriptionFilter: filterGroup[0].filters is empty: a group needs at least one rule',
    );
    expect(refusal({ filterGroup: [{}] })).toBe('extensions.setSubscriptionFilter: filterGroup[0] must be an object with a filters array');
    expect(refusal(oneGroup('a'))).toBe('extensions.setSubscriptionFilter: filterGroup[0].filters[0] must be an object { fieldName, operator, value }');
  });

  it('accepts the output of toSubscriptionFilter for an empty filter, which has no group (and so matches no event)', () => {
    const { util, extensions, session } = makeModules();
    extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({}));
    expect(session.extensions).toEqual([{ name: 'setSubscriptionFilter', args: [{ filterGroup: [] }] }]);
  });
});

describe('Runtime: extensions.setSubscriptionInvalidationFilter', () => {
  it('records a valid filter and refuses a breach with its own name in the message', () => {
    // Prepare
    const { util, extensions, session } = makeModules();

    // Act
    extensions.setSubscriptionInvalidationFilter(util.transform.toSubscriptionFilter({ groupId: { eq: 'g1' } }));
    const thrown = thrownBy(() => extensions.setSubscriptionInvalidationFilter(oneGroup(rule('groupId', 'in', [1, 2, 3, 4, 5, 6]))));

    // Assess
    expect(session.extensions).toEqual([{ name: 'setSubscriptionInvalidationFilter', args: [oneGroup(rule('groupId', 'eq', 'g1'))] }]);
    expect(thrown).toBeInstanceOf(SubscriptionFilterError);
    expect((thrown as Error).message).toBe('extensions.setSubscriptionInvalidationFilter: filterGroup[0].filters[0]: in takes 1 to 5 values, got 6');
  });
});

describe('Runtime: extensions.invalidateSubscriptions', () => {
  const invalidation = (groupId: string) => ({ subscriptionField: 'onGroupMessageCreated', payload: { groupId } });

  it('records { subscriptionField, payload } for the emulator to apply', () => {
    // Prepare
    const { extensions, session } = makeModules();

    // Act
    extensions.invalidateSubscriptions({ ...invalidation('g1'), ignored: 1 });

    // Assess
    expect(session.extensions).toEqual([{ name: 'invalidateSubscriptions', args: [invalidation('g1')] }]);
  });

  it('allows 5 distinct invalidations, repeats included, and refuses a sixth distinct one', () => {
    // Prepare
    const { extensions, session } = makeModules();
    for (const id of ['1', '2', '3', '4', '5', '1', '5']) extensions.invalidateSubscriptions(invalidation(id));

    // Act
    const thrown = thrownBy(() => extensions.invalidateSubscriptions(invalidation('6')));

    // Assess
    expect(session.extensions.map((call: { args: unknown[] }) => call.args[0])).toEqual(['1', '2', '3', '4', '5'].map(invalidation));
    expect(thrown).toBeInstanceOf(InvalidateSubscriptionsError);
    expect(thrown).toMatchObject({
      name: 'InvalidateSubscriptionsError',
      message: 'extensions.invalidateSubscriptions: at most 5 distinct invalidations may be made in one request',
    });
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'onGroupMessageCreated'],
    ['no subscriptionField', { payload: {} }],
    ['an empty subscriptionField', { subscriptionField: '', payload: {} }],
    ['no payload', { subscriptionField: 'onX' }],
    ['a list as payload', { subscriptionField: 'onX', payload: [] }],
  ])('refuses %s', (_name, argument) => {
    const { extensions, session } = makeModules();
    const thrown = thrownBy(() => extensions.invalidateSubscriptions(argument));
    expect(thrown).toBeInstanceOf(InvalidateSubscriptionsError);
    expect((thrown as Error).message).toBe(
      'extensions.invalidateSubscriptions: expected { subscriptionField: "<subscription field name>", payload: { ... } }',
    );
    expect(session.extensions).toEqual([]);
  });
});

describe('Runtime: extensions.evictFromApiCache', () => {
  it('is still recorded as called', () => {
    const { extensions, session } = makeModules();
    extensions.evictFromApiCache('Query', 'ticket', { 'context.arguments.id': 't1' });
    expect(session.extensions).toEqual([{ name: 'evictFromApiCache', args: ['Query', 'ticket', { 'context.arguments.id': 't1' }] }]);
  });
});
