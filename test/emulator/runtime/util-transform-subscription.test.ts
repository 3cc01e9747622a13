import { describe, expect, it } from 'vitest';
import { makeModules, thrownBy } from './helpers.ts';

// Expected outputs are AppSync's, recorded through EvaluateCode: the snapshots of
// localstack/appsync-utils __tests__/__snapshots__/transform-subscription.test.js.snap. The
// helper answers an object (not a JSON string), multiplies alternatives out into groups, and
// carries operators and values through unchecked.
const { util } = makeModules();
const toFilter = (...args: unknown[]): unknown => util.transform.toSubscriptionFilter(...args);
const rule = (fieldName: string, operator: string, value: unknown) => ({ fieldName, operator, value });
const groups = (...filters: unknown[][]) => ({ filterGroup: filters.map((group) => ({ filters: group })) });

describe('Runtime: util.transform.toSubscriptionFilter (AppSync outputs)', () => {
  it.each([
    ['one operator on one field', { a: { eq: 1 } }, groups([rule('a', 'eq', 1)])],
    ['two fields, ANDed', { a: { eq: 1 }, b: { eq: 2 } }, groups([rule('a', 'eq', 1), rule('b', 'eq', 2)])],
    ['an and, its members ANDed', { and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, groups([rule('a', 'eq', 1), rule('b', 'eq', 2)])],
    ['a field beside an and, in key order', { z: { eq: 0 }, and: [{ a: { eq: 1 } }] }, groups([rule('z', 'eq', 0), rule('a', 'eq', 1)])],
    ['a dotted field path kept as written', { 'loc.addr.country': { eq: 'USA' } }, groups([rule('loc.addr.country', 'eq', 'USA')])],
  ])('gives a single group for %s', (_name, input, expected) => {
    expect(toFilter(input)).toEqual(expected);
  });

  it.each([
    ['two operators on one field', { a: { eq: 1, ne: 2 } }, groups([rule('a', 'eq', 1)], [rule('a', 'ne', 2)])],
    ['an or, one group per member', { or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, groups([rule('a', 'eq', 1)], [rule('b', 'eq', 2)])],
    [
      'an or nested in an and',
      { and: [{ a: { eq: 1 } }, { or: [{ b: { eq: 2 } }, { c: { eq: 3 } }] }] },
      groups([rule('a', 'eq', 1), rule('b', 'eq', 2)], [rule('a', 'eq', 1), rule('c', 'eq', 3)]),
    ],
  ])('multiplies alternatives out into groups: %s', (_name, input, expected) => {
    expect(toFilter(input)).toEqual(expected);
  });

  it("expands the guide's example with operators, and and or together, first alternative varying slowest", () => {
    // Prepare
    const input = {
      percentageUp: { lte: 50, gte: 20 },
      and: [{ title: { ne: 'Book1' } }, { downvotes: { gt: 2000 } }],
      or: [{ author: { eq: 'Admin' } }, { isPublished: { eq: false } }],
    };
    const shared = [rule('title', 'ne', 'Book1'), rule('downvotes', 'gt', 2000)];

    // Act
    const output = toFilter(input);

    // Assess
    expect(output).toEqual(
      groups(
        [rule('percentageUp', 'lte', 50), ...shared, rule('author', 'eq', 'Admin')],
        [rule('percentageUp', 'lte', 50), ...shared, rule('isPublished', 'eq', false)],
        [rule('percentageUp', 'gte', 20), ...shared, rule('author', 'eq', 'Admin')],
        [rule('percentageUp', 'gte', 20), ...shared, rule('isPublished', 'eq', false)],
      ),
    );
  });

  it.each([
    ['the comparisons', { a: { le: 1 }, b: { lt: 2 }, c: { ge: 3 }, d: { gt: 4 } }, groups([rule('a', 'le', 1), rule('b', 'lt', 2), rule('c', 'ge', 3), rule('d', 'gt', 4)])],
    ['membership', { a: { in: [1, 2] }, b: { notIn: ['x'] } }, groups([rule('a', 'in', [1, 2]), rule('b', 'notIn', ['x'])])],
    ['between', { a: { between: [1, 9] } }, groups([rule('a', 'between', [1, 9])])],
    [
      'the string operators',
      { a: { contains: 'x' }, b: { notContains: 'y' }, c: { beginsWith: 'z' } },
      groups([rule('a', 'contains', 'x'), rule('b', 'notContains', 'y'), rule('c', 'beginsWith', 'z')]),
    ],
    ['containsAny', { a: { containsAny: ['x', 'y'] } }, groups([rule('a', 'containsAny', ['x', 'y'])])],
    ['a boolean value', { a: { eq: false } }, groups([rule('a', 'eq', false)])],
    ['an unknown operator, unchecked', { a: { bogus: 1 } }, groups([rule('a', 'bogus', 1)])],
    ['not, which is a field name here', { not: { a: { eq: 1 } } }, groups([rule('not', 'a', { eq: 1 })])],
  ])('carries operators through as written: %s', (_name, input, expected) => {
    expect(toFilter(input)).toEqual(expected);
  });

  it('drops ignored fields, at the top and nested in an and', () => {
    expect(toFilter({ a: { eq: 1 }, b: { eq: 2 } }, ['a'])).toEqual(groups([rule('b', 'eq', 2)]));
    expect(toFilter({ a: { eq: 1 }, and: [{ b: { eq: 2 } }] }, ['b'])).toEqual(groups([rule('a', 'eq', 1)]));
  });

  it('adds each entry of rules as one more alternative to every group', () => {
    expect(toFilter({ a: { eq: 1 } }, [], { r1: { gte: 250 }, r2: { eq: 'p' } })).toEqual(
      groups([rule('a', 'eq', 1), rule('r1', 'gte', 250)], [rule('a', 'eq', 1), rule('r2', 'eq', 'p')]),
    );
    expect(toFilter({}, [], { r1: { eq: 1 } })).toEqual(groups([rule('r1', 'eq', 1)]));
  });

  it.each([
    ['an empty filter', {}],
    ['a field with no operator', { a: {} }],
    ['an empty and', { and: [] }],
  ])('gives no group for %s', (_name, input) => {
    expect(toFilter(input)).toEqual({ filterGroup: [] });
  });

  it.each([
    ['null', null],
    ['no filter at all', undefined],
    ['an array', []],
    ['a JSON string', '{"a":{"eq":1}}'],
  ])('answers null for a filter that cannot be read: %s', (_name, input) => {
    expect(toFilter(input)).toBeNull();
  });
});

describe('Runtime: util.transform.toSubscriptionFilter (inferred behaviour)', () => {
  it('answers null when a field or an and/or member is not an object', () => {
    expect(toFilter({ a: 1 })).toBeNull();
    expect(toFilter({ or: { a: { eq: 1 } } })).toBeNull();
    expect(toFilter({ and: ['a'] })).toBeNull();
  });

  it('takes a JSON copy, so later changes to the input do not reach the result', () => {
    // Prepare
    const input = { tags: { containsAny: ['a'] } };

    // Act
    const output = toFilter(input) as { filterGroup: Array<{ filters: Array<{ value: string[] }> }> };
    input.tags.containsAny.push('b');

    // Assess
    expect(output.filterGroup[0]?.filters[0]?.value).toEqual(['a']);
  });

  it('refuses a filter that multiplies out to more than 1000 groups instead of exhausting memory', () => {
    // Prepare: 11 fields with two operators each would be 2^11 = 2048 groups
    const input = Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`f${index}`, { eq: 1, ne: 2 }]));

    // Act
    const thrown = thrownBy(() => toFilter(input));

    // Assess
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toBe('util.transform.toSubscriptionFilter: the filter expands to more than 1000 groups');
  });
});
