/**
 * AppSync's scalars as the emulator validates them.
 */
import { describe, expect, it } from 'vitest';
import { APPSYNC_SCALAR_RULES, InvalidScalarValueError, scalarFunctions } from '../../../emulator/graphql/appsync-scalars.ts';

const VALID: Readonly<Record<string, readonly unknown[]>> = {
  AWSEmail: ['customer@example.com', 'first.last+tag@sub.example.co.uk'],
  AWSDate: ['1970-01-01', '2024-02-29', '1970-01-01Z', '1970-01-01-07:00', '1970-01-01+05:30:10'],
  AWSTime: ['12:30', '12:30:45', '12:30:45.123', '12:30Z', '23:59:59-08:00'],
  AWSDateTime: ['1970-01-01T12:00Z', '2026-11-26T04:08:00.114Z', '1970-01-01T12:00:00+05:30', '1970-01-01T12:00:00.123456789-07:00:30'],
  AWSTimestamp: [0, 1700000000, -1],
  AWSJSON: ['{"a":1}', '[1,2]', '"text"', 'null'],
  AWSURL: ['https://example.com', 'http://localhost:4000/graphql', 'ftp://files.example.com/a'],
  AWSPhone: ['+1 555 123 4567', '555-123-4567', '+441234567890'],
  AWSIPAddress: ['127.0.0.1', '10.0.0.0/8', '::1', '2001:db8::/32'],
};

const INVALID: Readonly<Record<string, readonly unknown[]>> = {
  AWSEmail: ['not-an-email', 'a@', '@b.com', 'a b@c.com', 42],
  AWSDate: ['2024-02-30', '2024-13-01', '24-01-01', '2024-01-01T00:00Z', 20240101],
  AWSTime: ['24:00', '12:60', '12', 'noon'],
  AWSDateTime: ['2026-11-26T04:08:00', '2026-11-26', '2026-11-26 04:08Z', '2026-11-26T25:00Z'],
  AWSTimestamp: ['1700000000', 1.5, Number.NaN],
  AWSJSON: ['{a:1}', '', 5],
  AWSURL: ['example.com', 'not a url', '//example.com'],
  AWSPhone: ['phone', '12', '++1 555'],
  AWSIPAddress: ['256.0.0.1', '10.0.0.0/33', 'localhost', '::1/129'],
};

describe('Emulator: AppSync scalars', () => {
  it('covers every AppSync scalar', () => {
    // Assess
    expect(Object.keys(VALID).sort()).toEqual(Object.keys(APPSYNC_SCALAR_RULES).sort());
  });

  it.each(Object.entries(VALID).flatMap(([scalar, values]) => values.map((value) => [scalar, value] as const)))('%s accepts %j', (scalar, value) => {
    // Act
    const parsed = scalarFunctions(scalar).parseValue(value);

    // Assess
    expect(parsed).toEqual(scalar === 'AWSJSON' ? JSON.parse(value as string) : value);
  });

  it.each(Object.entries(INVALID).flatMap(([scalar, values]) => values.map((value) => [scalar, value] as const)))('%s refuses %j', (scalar, value) => {
    // Act
    const act = () => scalarFunctions(scalar).parseValue(value);

    // Assess
    expect(act).toThrow(InvalidScalarValueError);
  });

  it("words a refusal as AppSync does", () => {
    // Act
    const error = (() => {
      try {
        scalarFunctions('AWSEmail').parseValue('nobody');
        return null;
      } catch (caught) {
        return caught as Error;
      }
    })();

    // Assess
    expect(error?.message).toBe('Unable to parse `nobody` as a valid Email.');
  });

  it('serializes AWSJSON results as JSON text and refuses an invalid AWSEmail result', () => {
    // Act
    const json = scalarFunctions('AWSJSON').serialize({ a: [1] });
    const bad = () => scalarFunctions('AWSEmail').serialize('nope');

    // Assess
    expect(json).toBe('{"a":[1]}');
    expect(bad).toThrow('Unable to serialize `nope` as a valid Email.');
  });
});
