import { describe, expect, it } from 'vitest';
import { makeModules } from './helpers.ts';

// Expected values: AppSync developer guide "DynamoDB helpers in util.dynamodb" (JavaScript), as
// observed through EvaluateCode in the snapshots of localstack/appsync-utils
// (__tests__/__snapshots__/index.test.js.snap, recorded with TEST_TARGET=AWS_CLOUD).
const { util } = makeModules();

describe('Runtime: util.dynamodb', () => {
  it('converts a string to { S }', () => {
    expect(util.dynamodb.toDynamoDB('test')).toEqual({ S: 'test' });
  });

  it('converts a number to { N: number } as AppSync does, not to a numeric string', () => {
    // Act
    const converted = util.dynamodb.toDynamoDB(12345);

    // Assess
    expect(converted).toEqual({ N: 12345 });
    expect(JSON.stringify(converted)).toBe('{"N":12345}');
  });

  it('converts a boolean to { BOOL }', () => {
    expect(util.dynamodb.toDynamoDB(true)).toEqual({ BOOL: true });
  });

  it('converts null to { NULL: null }', () => {
    expect(util.dynamodb.toDynamoDB(null)).toEqual({ NULL: null });
    expect(util.dynamodb.toNull()).toEqual({ NULL: null });
  });

  it('converts an object to a map with lists as L, never as sets (guide example)', () => {
    expect(util.dynamodb.toDynamoDB({ foo: 'bar', baz: 1234, beep: ['boop'] })).toEqual({
      M: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } },
    });
  });

  it('converts a mixed list with toList (guide example)', () => {
    expect(util.dynamodb.toList(['foo', 123, { bar: 'baz' }])).toEqual({
      L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }],
    });
  });

  it('returns the attribute values of each property with toMapValues, equal to toMap(obj).M', () => {
    // Prepare
    const input = { foo: 'bar', baz: 1234, beep: ['boop'] };

    // Act
    const values = util.dynamodb.toMapValues(input);

    // Assess
    expect(values).toEqual({ foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } });
    expect(util.dynamodb.toMap(input)).toEqual({ M: values });
  });

  it('wraps scalars and sets with the typed helpers', () => {
    expect(util.dynamodb.toString('test')).toEqual({ S: 'test' });
    expect(util.dynamodb.toNumber(12345)).toEqual({ N: 12345 });
    expect(util.dynamodb.toBoolean(true)).toEqual({ BOOL: true });
    expect(util.dynamodb.toBinary('foo')).toEqual({ B: 'foo' });
    expect(util.dynamodb.toStringSet(['foo', 'bar', 'baz'])).toEqual({ SS: ['foo', 'bar', 'baz'] });
    expect(util.dynamodb.toBinarySet(['foo', 'bar', 'baz'])).toEqual({ BS: ['foo', 'bar', 'baz'] });
  });

  it('keeps numbers of a number set as numbers, as observed (the typings say strings)', () => {
    expect(util.dynamodb.toNumberSet([1, 23, 4.56])).toEqual({ NS: [1, 23, 4.56] });
  });

  it('answers null from the typed helpers when given null or nothing', () => {
    expect(util.dynamodb.toString(null)).toBeNull();
    expect(util.dynamodb.toNumber(undefined)).toBeNull();
    expect(util.dynamodb.toStringSet(null)).toBeNull();
    expect(util.dynamodb.toList(null)).toBeNull();
    expect(util.dynamodb.toMap(null)).toBeNull();
    expect(util.dynamodb.toMapValues('not a map')).toBeNull();
  });

  it('drops undefined properties and turns undefined list elements into NULL, like JSON', () => {
    expect(util.dynamodb.toMapValues({ a: 1, gone: undefined, list: [undefined] })).toEqual({
      a: { N: 1 },
      list: { L: [{ NULL: null }] },
    });
  });

  it('renders an S3 link as compact JSON in key, bucket, region order', () => {
    expect(util.dynamodb.toS3Object('foo', 'bar', 'baz')).toEqual({ S: '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}' });
    expect(util.dynamodb.toS3Object('foo', 'bar', 'baz', 'beep')).toEqual({
      S: '{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}',
    });
  });

  it('reads an S3 link back with fromS3ObjectJson, and answers null for anything else', () => {
    // Prepare
    const stored = util.dynamodb.toS3Object('foo', 'bar', 'baz', 'beep').S;

    // Act & Assess
    expect(util.dynamodb.fromS3ObjectJson(stored)).toEqual({ key: 'foo', bucket: 'bar', region: 'baz', version: 'beep' });
    expect(util.dynamodb.fromS3ObjectJson('{"s3":{"key":"k","bucket":"b","region":"r"}}')).toEqual({ key: 'k', bucket: 'b', region: 'r' });
    expect(util.dynamodb.fromS3ObjectJson('not json')).toBeNull();
    expect(util.dynamodb.fromS3ObjectJson('{"other":1}')).toBeNull();
  });
});
