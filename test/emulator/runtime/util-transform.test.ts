import { describe, expect, it } from 'vitest';
import { makeModules } from './helpers.ts';

// Expected outputs are AppSync's, recorded through EvaluateCode: the snapshots of
// localstack/appsync-utils __tests__/__snapshots__/transform.test.js.snap (TEST_TARGET=AWS_CLOUD),
// and the developer guide's JS "Filters" page, which shows
// (begins_with(#title,:title_beginsWith)) for { title: { beginsWith: 'far away' } }.
const { util } = makeModules();

const filter = (input: unknown) => {
  const json = util.transform.toDynamoDBFilterExpression(input);
  return json === null ? null : JSON.parse(json);
};

describe('Runtime: util.transform.toDynamoDBFilterExpression', () => {
  it('returns a JSON string, with an empty expressionValues when nothing is bound', () => {
    expect(util.transform.toDynamoDBFilterExpression({ content: { contains: 'foo' } })).toBe(
      '{"expression":"(contains(#content,:content_contains))","expressionNames":{"#content":"content"},"expressionValues":{":content_contains":{"S":"foo"}}}',
    );
    expect(util.transform.toDynamoDBConditionExpression({ and: [{ id: { attributeExists: false } }] })).toBe(
      '{"expression":"(attribute_not_exists(#id))","expressionNames":{"#id":"id"},"expressionValues":{}}',
    );
  });

  it("renders the guide's Filters example exactly", () => {
    expect(filter({ title: { beginsWith: 'far away' } })).toEqual({
      expression: '(begins_with(#title,:title_beginsWith))',
      expressionNames: { '#title': 'title' },
      expressionValues: { ':title_beginsWith': { S: 'far away' } },
    });
  });

  it.each([
    ['eq', '='],
    ['ne', '<>'],
    ['lt', '<'],
    ['le', '<='],
    ['gt', '>'],
    ['ge', '>='],
  ])('renders the comparison %s as %s', (operator, symbol) => {
    expect(filter({ v: { [operator]: 'x' } })).toEqual({
      expression: `(#v ${symbol} :v_${operator})`,
      expressionNames: { '#v': 'v' },
      expressionValues: { [`:v_${operator}`]: { S: 'x' } },
    });
  });

  it('types each operand as util.dynamodb.toDynamoDB does', () => {
    expect(filter({ v: { eq: 10 } }).expressionValues).toEqual({ ':v_eq': { N: 10 } });
    expect(filter({ v: { eq: 1.5 } }).expressionValues).toEqual({ ':v_eq': { N: 1.5 } });
    expect(filter({ v: { eq: true } }).expressionValues).toEqual({ ':v_eq': { BOOL: true } });
    expect(filter({ v: { eq: null } }).expressionValues).toEqual({ ':v_eq': { NULL: null } });
    expect(filter({ v: { eq: { a: 1 } } }).expressionValues).toEqual({ ':v_eq': { M: { a: { N: 1 } } } });
    expect(filter({ v: { eq: [1, 2] } }).expressionValues).toEqual({ ':v_eq': { L: [{ N: 1 }, { N: 2 }] } });
  });

  it('renders the functions without a space after the comma', () => {
    expect(filter({ v: { contains: 'x' } }).expression).toBe('(contains(#v,:v_contains))');
    expect(filter({ v: { notContains: 'x' } }).expression).toBe('(NOT contains(#v,:v_notContains))');
    expect(filter({ v: { beginsWith: 'x' } }).expression).toBe('(begins_with(#v,:v_beginsWith))');
  });

  it('names the bounds of between _start and _end and ignores a third bound', () => {
    const expected = {
      expression: '(#v BETWEEN :v_between_start AND :v_between_end)',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_between_start': { S: '1' }, ':v_between_end': { S: '9' } },
    };
    expect(filter({ v: { between: ['1', '9'] } })).toEqual(expected);
    expect(filter({ v: { between: ['1', '9', '3'] } })).toEqual(expected);
  });

  it('renders in with indexed placeholders separated by a comma and a space', () => {
    expect(filter({ v: { in: ['a', 'b'] } })).toEqual({
      expression: '(#v IN (:v_in_0, :v_in_1))',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_in_0': { S: 'a' }, ':v_in_1': { S: 'b' } },
    });
    expect(filter({ v: { in: [] } })).toEqual({ expression: '(null)', expressionNames: { '#v': 'v' }, expressionValues: {} });
  });

  it('renders attributeExists without binding a value', () => {
    expect(filter({ v: { attributeExists: true } })).toEqual({
      expression: '(attribute_exists(#v))',
      expressionNames: { '#v': 'v' },
      expressionValues: {},
    });
    expect(filter({ v: { attributeExists: false } }).expression).toBe('(attribute_not_exists(#v))');
  });

  it('maps every friendly attributeType name to its DynamoDB type code', () => {
    // Prepare
    const names = ['_null', 'string', 'stringSet', 'number', 'numberSet', 'binary', 'binarySet', 'boolean', 'list', 'map'];
    const codes = ['NULL', 'S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'L', 'M'];
    const input = Object.fromEntries(names.map((name, index) => [`f${index}`, { attributeType: name }]));

    // Act
    const rendered = filter(input);

    // Assess
    expect(rendered.expression).toBe(names.map((_name, index) => `(attribute_type(#f${index},:f${index}_attributeType))`).join(' AND '));
    codes.forEach((code, index) => expect(rendered.expressionValues[`:f${index}_attributeType`]).toEqual({ S: code }));
  });

  it('wraps the attribute in size() and adds size to the placeholder, without nesting the call', () => {
    expect(filter({ v: { size: { gt: 2 } } }).expression).toBe('(size(#v) > :v_size_gt)');
    expect(filter({ v: { size: { between: [1, 3] } } }).expression).toBe('(size(#v) BETWEEN :v_size_between_start AND :v_size_between_end)');
    expect(filter({ v: { size: { contains: 'x' } } }).expression).toBe('(contains(size(#v),:v_size_contains))');
    expect(filter({ v: { size: { attributeExists: true } } }).expression).toBe('(attribute_exists(size(#v)))');
    expect(filter({ v: { size: { gt: 2, lt: 5 } } }).expression).toBe('((size(#v) > :v_size_gt) AND (size(#v) < :v_size_lt))');
    expect(filter({ v: { size: { size: { gt: 1 } } } }).expression).toBe('(size(#v) > :v_size_size_gt)');
  });

  it('joins top-level fields unwrapped and wraps every inner group of two or more', () => {
    expect(filter({ a: { eq: 1 }, b: { eq: 2 } }).expression).toBe('(#a = :a_eq) AND (#b = :b_eq)');
    expect(filter({ v: { ge: 1, le: 5 } }).expression).toBe('((#v >= :v_ge) AND (#v <= :v_le))');
    expect(filter({ and: [{ a: { eq: 1 } }] }).expression).toBe('(#a = :and_0_a_eq)');
    expect(filter({ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }).expression).toBe('((#a = :and_0_a_eq) AND (#b = :and_1_b_eq))');
    expect(filter({ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }).expression).toBe('((#a = :or_0_a_eq) OR (#b = :or_1_b_eq))');
    expect(filter({ a: { eq: 1 }, and: [{ b: { eq: 2 } }] }).expression).toBe('(#a = :a_eq) AND (#b = :and_0_b_eq)');
  });

  it('renders not as (NOT ...) and names its values after the nesting', () => {
    expect(filter({ not: { a: { eq: 1 } } }).expression).toBe('(NOT (#a = :not_a_eq))');
    expect(filter({ not: { and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] } }).expression).toBe(
      '(NOT ((#a = :not_and_0_a_eq) AND (#b = :not_and_1_b_eq)))',
    );
    expect(filter({ not: { not: { a: { eq: 1 } } } }).expression).toBe('(NOT (NOT (#a = :not_not_a_eq)))');
    expect(filter({ and: [{ not: { a: { eq: 1 } } }, { b: { eq: 2 } }] }).expression).toBe(
      '((NOT (#a = :and_0_not_a_eq)) AND (#b = :and_1_b_eq))',
    );
  });

  it('nests and/or groups and carries every level in the value names', () => {
    expect(filter({ or: [{ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] }).expression).toBe(
      '(((#a = :or_0_and_0_a_eq) AND (#b = :or_0_and_1_b_eq)) OR (#c = :or_1_c_eq))',
    );
    expect(filter({ and: [{ or: [{ and: [{ a: { eq: 1 } }] }] }] })).toEqual({
      expression: '(#a = :and_0_or_0_and_0_a_eq)',
      expressionNames: { '#a': 'a' },
      expressionValues: { ':and_0_or_0_and_0_a_eq': { N: 1 } },
    });
  });

  it('uses a field name verbatim, dots included', () => {
    expect(filter({ 'a.b': { eq: 1 } })).toEqual({
      expression: '(#a.b = :a.b_eq)',
      expressionNames: { '#a.b': 'a.b' },
      expressionValues: { ':a.b_eq': { N: 1 } },
    });
  });

  it('keeps the dangling joiners AppSync leaves for members that render to nothing', () => {
    expect(filter({})).toEqual({ expression: '', expressionNames: {}, expressionValues: {} });
    expect(filter({ and: [] }).expression).toBe('');
    expect(filter({ v: {} })).toEqual({ expression: '', expressionNames: { '#v': 'v' }, expressionValues: {} });
    expect(filter({ not: {} }).expression).toBe('(NOT )');
    expect(filter({ a: { eq: 1 }, b: {} }).expression).toBe('(#a = :a_eq) AND ');
    expect(filter({ and: [{ a: { eq: 1 } }, {}] }).expression).toBe('((#a = :and_0_a_eq) AND )');
  });

  it.each([
    ['no filter at all', undefined],
    ['null', null],
    ['an array', []],
    ['a string', 'string'],
    ['an unknown operator', { v: { foo: 1 } }],
    ['a field holding a value instead of operators', { v: 'x' }],
    ['a field nested in a field', { a: { b: { eq: 1 } } }],
    ['an and given a map instead of a list', { and: { a: { eq: 1 } } }],
    ['an and given null', { and: null }],
    ['a group holding a null member', { and: [{ a: { eq: 1 } }, null] }],
    ['a not given a list', { not: [{ a: { eq: 1 } }] }],
    ['a range with a single bound', { v: { between: [1] } }],
    ['a range that is not a list', { v: { between: 'x' } }],
    ['a list of values that is not a list', { v: { in: 'x' } }],
    ['attributeExists given something other than a boolean', { v: { attributeExists: 'yes' } }],
    ['attributeType given a type code instead of a type name', { v: { attributeType: 'S' } }],
    ['size given a value instead of operators', { v: { size: 3 } }],
  ])('answers null, as AppSync does, for %s', (_case, input) => {
    expect(util.transform.toDynamoDBFilterExpression(input)).toBeNull();
    expect(util.transform.toDynamoDBConditionExpression(input)).toBeNull();
  });

  it('renders a condition exactly like a filter', () => {
    // Prepare
    const inputs = [
      { content: { eq: 'x' } },
      { and: [{ content: { eq: 'x' } }, { version: { attributeExists: true } }] },
      { not: { id: { between: ['1', '9'] } } },
    ];

    // Act & Assess
    for (const input of inputs) {
      expect(util.transform.toDynamoDBConditionExpression(input)).toBe(util.transform.toDynamoDBFilterExpression(input));
    }
    expect(filter(inputs[1]).expression).toBe('((#content = :and_0_content_eq) AND (attribute_exists(#version)))');
  });
});
