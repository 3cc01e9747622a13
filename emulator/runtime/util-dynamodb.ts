/**
 * `util.dynamodb`: converts plain values to DynamoDB attribute values, as AppSync does.
 *
 * Observed, not guessed: a number stays a JSON number (`toDynamoDB(12345)` is `{ "N": 12345 }`,
 * not `{ "N": "12345" }`), and `toNumberSet([1, 23, 4.56])` is `{ "NS": [1, 23, 4.56] }` even
 * though the `@aws-appsync/utils` typings say strings. Source: snapshots recorded with AppSync's
 * `EvaluateCode` in localstack/appsync-utils (`__tests__/__snapshots__/index.test.js.snap`),
 * which also match the developer guide page "DynamoDB helpers in util.dynamodb".
 */
import { isPlainObject, toJsonValue, type JsonValue } from './json-value.ts';

/** A DynamoDB attribute value in AppSync's request shape. */
export type AttributeValue =
  | { S: string }
  | { N: number }
  | { BOOL: boolean }
  | { NULL: null }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> }
  | { SS: unknown[] }
  | { NS: unknown[] }
  | { B: unknown }
  | { BS: unknown[] };

/** Converts an already JSON-normalized value. */
function fromJson(value: JsonValue): AttributeValue {
  if (value === null) return { NULL: null };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(fromJson) };
  const map: Record<string, AttributeValue> = {};
  for (const key of Object.keys(value)) map[key] = fromJson(value[key] as JsonValue);
  return { M: map };
}

/**
 * Any value to its attribute value; lists stay lists (`L`), never sets. `undefined` is `null`.
 *
 * @example
 * ```ts
 * toDynamoDB({ foo: 'bar', baz: 1234 }); // { M: { foo: { S: 'bar' }, baz: { N: 1234 } } }
 * ```
 */
export function toDynamoDB(value: unknown): AttributeValue {
  const json = toJsonValue(value);
  return fromJson(json === undefined ? null : json);
}

/**
 * A copy of `value` with every property converted; `null` for anything but an object.
 *
 * @example
 * ```ts
 * toMapValues({ id: 'a', n: 1 }); // { id: { S: 'a' }, n: { N: 1 } }
 * ```
 */
export function toMapValues(value: unknown): Record<string, AttributeValue> | null {
  const json = toJsonValue(value);
  if (!isPlainObject(json)) return null;
  const map: Record<string, AttributeValue> = {};
  for (const key of Object.keys(json)) map[key] = fromJson(json[key] as JsonValue);
  return map;
}

/** Wraps `value` under `type`, or answers `null` for a null or absent value (the typings' `OptionalInputType`). */
function wrap<T extends string>(type: T, value: unknown): Record<T, unknown> | null {
  if (value === null || value === undefined) return null;
  return { [type]: toJsonValue(value) } as Record<T, unknown>;
}

/** The S3 link AppSync stores as a string attribute (see `toS3Object`). */
export interface S3Object {
  key: string;
  bucket: string;
  region: string;
  version?: string;
}

/**
 * The `util.dynamodb` object.
 *
 * @example
 * ```ts
 * utilDynamodb.toNumber(12345); // { N: 12345 }
 * utilDynamodb.toString(null); // null
 * ```
 */
export const utilDynamodb = {
  toDynamoDB,
  toString: (value: unknown) => wrap('S', value),
  toStringSet: (values: unknown) => wrap('SS', values),
  toNumber: (value: unknown) => wrap('N', value),
  toNumberSet: (values: unknown) => wrap('NS', values),
  toBinary: (value: unknown) => wrap('B', value),
  toBinarySet: (values: unknown) => wrap('BS', values),
  toBoolean: (value: unknown) => wrap('BOOL', value),
  toNull: () => ({ NULL: null }),
  toList: (values: unknown) => (Array.isArray(values) ? toDynamoDB(values) : null),
  toMap: (value: unknown) => {
    const map = toMapValues(value);
    return map === null ? null : { M: map };
  },
  toMapValues,
  /**
   * The S3 link as a string attribute. Observed: compact JSON, keys in the order key, bucket,
   * region, version (snapshots in localstack/appsync-utils; the developer guide shows a spaced
   * rendering of the same JSON).
   */
  toS3Object: (key: string, bucket: string, region: string, version?: string) => {
    const s3: S3Object = version === undefined || version === null ? { key, bucket, region } : { key, bucket, region, version };
    return { S: JSON.stringify({ s3 }) };
  },
  /** The parts of an S3 link string (the value inside `{ S: ... }`); `null` when it is not one. */
  fromS3ObjectJson: (s3ObjectString: unknown): S3Object | null => {
    if (typeof s3ObjectString !== 'string') return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(s3ObjectString);
    } catch {
      return null;
    }
    const s3 = isPlainObject(parsed) ? parsed['s3'] : undefined;
    if (!isPlainObject(s3)) return null;
    const out: S3Object = { key: String(s3['key']), bucket: String(s3['bucket']), region: String(s3['region']) };
    if (s3['version'] !== undefined && s3['version'] !== null) out.version = String(s3['version']);
    return out;
  },
};
