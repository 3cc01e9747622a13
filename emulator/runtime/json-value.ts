/**
 * The JSON view of a value, as AppSync's helpers receive it. Resolver code hands them
 * JavaScript objects, but what crosses into AppSync's implementation is JSON: a key whose value
 * is `undefined` (or a function) disappears, an `undefined` array element becomes `null`, a
 * non-finite number becomes `null`, and `toJSON` (e.g. a `Date`) is honoured. Normalizing once
 * up front gives every helper the same, predictable view.
 */

/** A JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Whether `value` is an object that is neither `null` nor an array.
 *
 * @example
 * ```ts
 * isPlainObject({}); // true
 * isPlainObject([]); // false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * `value` as `JSON.parse(JSON.stringify(value))` would give it, without the string round trip;
 * `undefined` at the top stays `undefined` so that callers can tell "absent" from `null`.
 *
 * @example
 * ```ts
 * toJsonValue({ a: undefined, b: [undefined, NaN] }); // { b: [null, null] }
 * ```
 */
export function toJsonValue(value: unknown): JsonValue | undefined {
  return convert(value, 0);
}

/** Deep enough for any real document; a cycle would otherwise overflow the stack. */
const MAX_DEPTH = 200;

function convert(value: unknown, depth: number): JsonValue | undefined {
  if (depth > MAX_DEPTH) throw new Error('value is nested too deeply (or is circular) to convert to JSON');
  if (value === null) return null;
  if (value !== undefined && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return convert((value as { toJSON: () => unknown }).toJSON(), depth + 1);
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object': {
      if (Array.isArray(value)) {
        return value.map((element) => {
          const converted = convert(element, depth + 1);
          return converted === undefined ? null : converted;
        });
      }
      const out: { [key: string]: JsonValue } = {};
      for (const key of Object.keys(value as object)) {
        const converted = convert((value as Record<string, unknown>)[key], depth + 1);
        if (converted !== undefined) out[key] = converted;
      }
      return out;
    }
    case 'bigint':
      throw new Error('a BigInt cannot be converted to JSON');
    default:
      // undefined, functions and symbols have no JSON form
      return undefined;
  }
}
