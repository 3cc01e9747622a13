/**
 * The value checks of `util` (developer guide: "Built-in utilities", JavaScript): `isNull`,
 * `isNullOrEmpty`, `isNullOrBlank`, the `defaultIf…` family and `typeOf`. `undefined` counts as
 * null, since it is how an absent argument reaches resolver code.
 */

const isNull = (value: unknown): boolean => value === null || value === undefined;

/** Java's `String.isBlank` whitespace: what `trim()` removes is close enough for identifiers. */
const isBlankString = (value: unknown): boolean => typeof value === 'string' && value.trim() === '';

/**
 * The value-check helpers of `util`.
 *
 * @example
 * ```ts
 * utilValues.defaultIfNullOrBlank('  ', 'n/a'); // 'n/a'
 * utilValues.typeOf([1]); // 'List'
 * ```
 */
export const utilValues = {
  isNull,
  isNullOrEmpty: (value: unknown): boolean => isNull(value) || value === '',
  isNullOrBlank: (value: unknown): boolean => isNull(value) || isBlankString(value),
  defaultIfNull: <T, D>(value: T, fallback: D): T | D => (isNull(value) ? fallback : value),
  defaultIfNullOrEmpty: <T, D>(value: T, fallback: D): T | D => (isNull(value) || value === '' ? fallback : value),
  defaultIfNullOrBlank: <T, D>(value: T, fallback: D): T | D => (isNull(value) || isBlankString(value) ? fallback : value),
  /** `Null`, `Number`, `String`, `Map`, `List` or `Boolean`; `Object` for anything else (the guide's list). */
  typeOf: (value: unknown): string => {
    if (isNull(value)) return 'Null';
    if (typeof value === 'number') return 'Number';
    if (typeof value === 'string') return 'String';
    if (typeof value === 'boolean') return 'Boolean';
    if (Array.isArray(value)) return 'List';
    if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return 'Map';
    if (typeof value === 'object' && Object.getPrototypeOf(value) === null) return 'Map';
    return 'Object';
  },
};
