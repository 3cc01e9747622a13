/**
 * Conversions between AppSync's typed DynamoDB JSON and the SDK's `AttributeValue`s.
 *
 * AppSync's runtime writes numbers as JSON numbers (`util.dynamodb.toDynamoDB(12345)` gives
 * `{ "N": 12345 }`) and binaries as base64 strings; the wire protocol wants strings and bytes.
 * Results go the other way, as AppSync hands them to `ctx.result`: plain JSON, numbers as
 * numbers, sets as arrays, binaries as base64.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DataSourceError } from './data-source-error.ts';

/** One typed value as resolver code writes it, e.g. `{ S: 'a' }` or `{ N: 12 }`. */
export type TypedValue = Readonly<Record<string, unknown>>;

/** A map of attribute names to typed values (a key, an item, expression values). */
export type TypedMap = Readonly<Record<string, TypedValue>>;

function invalid(detail: string): DataSourceError {
  return new DataSourceError('DynamoDB:DynamoDbException', `Invalid attribute value: ${detail}`);
}

function numberString(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return value;
  throw invalid(`${JSON.stringify(value)} is not a number`);
}

function bytes(value: unknown): Uint8Array {
  if (typeof value !== 'string') throw invalid('binary values must be base64 strings');
  return new Uint8Array(Buffer.from(value, 'base64'));
}

function stringList(value: unknown, type: string): string[] {
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) {
    throw invalid(`${type} must be a list of strings`);
  }
  return value as string[];
}

/**
 * Converts one typed value from resolver JSON to the SDK's form.
 *
 * @example
 * toAttributeValue({ N: 12 }); // { N: '12' }
 */
export function toAttributeValue(typed: unknown): AttributeValue {
  if (typed === null || typeof typed !== 'object' || Array.isArray(typed)) {
    throw invalid(`expected a typed value such as {"S": "..."}, got ${JSON.stringify(typed)}`);
  }
  const entries = Object.entries(typed);
  if (entries.length !== 1) throw invalid(`a typed value has exactly one type key, got ${entries.length}`);
  const [type, value] = entries[0] as [string, unknown];
  switch (type) {
    case 'S':
      if (typeof value !== 'string') throw invalid('S must be a string');
      return { S: value };
    case 'N':
      return { N: numberString(value) };
    case 'BOOL':
      if (typeof value !== 'boolean') throw invalid('BOOL must be a boolean');
      return { BOOL: value };
    case 'NULL':
      return { NULL: true };
    case 'B':
      return { B: bytes(value) };
    case 'SS':
      return { SS: stringList(value, 'SS') };
    case 'NS':
      if (!Array.isArray(value)) throw invalid('NS must be a list');
      return { NS: value.map(numberString) };
    case 'BS':
      if (!Array.isArray(value)) throw invalid('BS must be a list');
      return { BS: value.map(bytes) };
    case 'L':
      if (!Array.isArray(value)) throw invalid('L must be a list');
      return { L: value.map(toAttributeValue) };
    case 'M':
      return { M: toAttributeMap(value) };
    default:
      throw invalid(`unknown type ${JSON.stringify(type)}`);
  }
}

/** Converts a map of typed values (key, item, expression values) to the SDK's form. */
export function toAttributeMap(typed: unknown): Record<string, AttributeValue> {
  if (typed === null || typeof typed !== 'object' || Array.isArray(typed)) {
    throw invalid(`expected a map of typed values, got ${JSON.stringify(typed)}`);
  }
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(typed)) out[name] = toAttributeValue(value);
  return out;
}

/** Like `toAttributeMap`, but `undefined`/`null` stays `undefined` (optional request parts). */
export function toOptionalAttributeMap(typed: unknown): Record<string, AttributeValue> | undefined {
  if (typed === undefined || typed === null) return undefined;
  const map = toAttributeMap(typed);
  return Object.keys(map).length === 0 ? undefined : map;
}

function toNumber(text: string): number {
  return Number(text);
}

/**
 * Converts an SDK value to the plain JSON AppSync puts in `ctx.result`.
 *
 * @example
 * fromAttributeValue({ N: '12' }); // 12
 */
export function fromAttributeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return toNumber(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.B !== undefined) return Buffer.from(value.B).toString('base64');
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(toNumber);
  if (value.BS !== undefined) return value.BS.map((entry) => Buffer.from(entry).toString('base64'));
  if (value.L !== undefined) return value.L.map(fromAttributeValue);
  if (value.M !== undefined) return fromAttributeMap(value.M);
  return null;
}

/** Converts an SDK item to a plain JSON object. */
export function fromAttributeMap(item: Record<string, AttributeValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) out[name] = fromAttributeValue(value);
  return out;
}

/** Converts an SDK map back to AppSync's typed JSON (numbers as strings), e.g. for `nextToken`. */
export function toTypedJson(item: Record<string, AttributeValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (value.B !== undefined) out[name] = { B: Buffer.from(value.B).toString('base64') };
    else out[name] = value;
  }
  return out;
}
