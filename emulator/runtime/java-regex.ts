/**
 * `util.matches(pattern, value)` takes a Java regular expression (`java.util.regex.Pattern`)
 * and answers whether it matches the *whole* value (`Pattern.matches`). This module translates
 * the common subset of Java syntax into an equivalent JavaScript `RegExp` and refuses, with an
 * error naming the construct, what JavaScript cannot express the same way (possessive
 * quantifiers, atomic groups, class intersection, mid-pattern or scoped flags, Unicode
 * properties). Where both languages accept a construct but mean different things, the Java
 * meaning is spelled out: `\s` is ASCII whitespace only, `.` also stops at U+0085, `\v` is
 * vertical whitespace, `\A`/`\z`/`\Z` are input boundaries.
 */

/** Java's `\s`: ASCII whitespace only (JavaScript's `\s` also matches Unicode spaces). */
const SPACE = ' \\t\\n\\x0B\\f\\r';
const VERTICAL = '\\n\\x0B\\f\\r\\x85\\u2028\\u2029';
const HORIZONTAL = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';

/** POSIX classes `\p{Name}` (US-ASCII only, as in Java without UNICODE_CHARACTER_CLASS). */
const POSIX: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: SPACE,
};

/** Characters that are special in a JavaScript pattern outside a class. */
const META = /[\\^$.*+?()[\]{}|/]/g;

/**
 * Why a Java pattern cannot be used offline; the message names the construct and its index.
 *
 * @example
 * ```ts
 * javaMatches('a++', 'aa'); // throws: a possessive quantifier at index 2 of "a++" is not supported offline
 * ```
 */
export class UnsupportedJavaRegexError extends Error {
  override readonly name = 'UnsupportedJavaRegexError';
  constructor(message: string) {
    super(`util.matches: ${message}`);
  }
}

function fail(pattern: string, index: number, what: string): never {
  throw new UnsupportedJavaRegexError(`${what} at index ${index} of ${JSON.stringify(pattern)} is not supported offline`);
}

function hexEscape(code: number): string {
  if (code <= 0xffff) return '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
  const offset = code - 0x10000;
  return hexEscape(0xd800 + (offset >> 10)) + hexEscape(0xdc00 + (offset & 0x3ff));
}

/** The translated JavaScript source and flags of a Java pattern. */
export interface TranslatedPattern {
  source: string;
  flags: string;
}

/**
 * Translates a Java pattern to a JavaScript pattern source (not anchored) and flags.
 *
 * @example
 * ```ts
 * translateJavaRegex('(?i)\\p{Alpha}+\\s\\d{2}');
 * // { source: '[a-zA-Z]+[ \\t\\n\\x0B\\f\\r]\\d{2}', flags: 'i' }
 * ```
 */
export function translateJavaRegex(pattern: string): TranslatedPattern {
  let i = 0;
  let flags = '';
  // Leading inline flags, e.g. (?i) or (?is), map to RegExp flags; anything later is refused.
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(pattern);
  if (leading !== null) {
    for (const flag of leading[1] as string) {
      if (flag === 'i' || flag === 's' || flag === 'm') {
        if (!flags.includes(flag)) flags += flag;
      } else {
        fail(pattern, 2, `the inline flag '${flag}'`);
      }
    }
    i = (leading[0] as string).length;
  }
  const dotAll = flags.includes('s');
  let out = '';
  let inClass = false;
  let classStart = false;
  let lastWasQuantifier = false;

  while (i < pattern.length) {
    const character = pattern[i] as string;
    const start = i;
    let quantifier = false;

    if (character === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) fail(pattern, i, 'a trailing backslash');
      i += 2;
      switch (next) {
        case 'Q': {
          const end = pattern.indexOf('\\E', i);
          const literal = end < 0 ? pattern.slice(i) : pattern.slice(i, end);
          out += inClass ? literal.replace(/[\\\]^-]/g, '\\$&') : literal.replace(META, '\\$&');
          i = end < 0 ? pattern.length : end + 2;
          break;
        }
        case 's':
          out += inClass ? SPACE : `[${SPACE}]`;
          break;
        case 'S':
          if (inClass) fail(pattern, start, '\\S inside a character class');
          out += `[^${SPACE}]`;
          break;
        case 'h':
          out += inClass ? HORIZONTAL : `[${HORIZONTAL}]`;
          break;
        case 'H':
          if (inClass) fail(pattern, start, '\\H inside a character class');
          out += `[^${HORIZONTAL}]`;
          break;
        case 'v':
          out += inClass ? VERTICAL : `[${VERTICAL}]`;
          break;
        case 'V':
          if (inClass) fail(pattern, start, '\\V inside a character class');
          out += `[^${VERTICAL}]`;
          break;
        case 'R':
          if (inClass) fail(pattern, start, '\\R inside a character class');
          out += `(?:\\r\\n|[${VERTICAL}])`;
          break;
        case 'A':
          if (inClass) fail(pattern, start, '\\A inside a character class');
          out += '(?<![\\s\\S])';
          break;
        case 'z':
          if (inClass) fail(pattern, start, '\\z inside a character class');
          out += '(?![\\s\\S])';
          break;
        case 'Z':
          if (inClass) fail(pattern, start, '\\Z inside a character class');
          out += `(?=(?:\\r\\n|[\\n\\r\\x85\\u2028\\u2029])?(?![\\s\\S]))`;
          break;
        case 'a':
          out += '\\x07';
          break;
        case 'e':
          out += '\\x1B';
          break;
        case '0': {
          const octal = /^[0-7]{1,3}/.exec(pattern.slice(i));
          if (octal === null) fail(pattern, start, 'an octal escape without digits');
          let digits = octal[0];
          if (digits.length === 3 && parseInt(digits, 8) > 0o377) digits = digits.slice(0, 2);
          out += hexEscape(parseInt(digits, 8));
          i += digits.length;
          break;
        }
        case 'x': {
          if (pattern[i] === '{') {
            const end = pattern.indexOf('}', i);
            const hex = end < 0 ? '' : pattern.slice(i + 1, end);
            if (!/^[0-9a-fA-F]{1,6}$/.test(hex) || parseInt(hex, 16) > 0x10ffff) fail(pattern, start, 'a malformed \\x{...} escape');
            out += hexEscape(parseInt(hex, 16));
            i = end + 1;
          } else {
            if (!/^[0-9a-fA-F]{2}/.test(pattern.slice(i))) fail(pattern, start, 'a malformed \\x escape');
            out += '\\x' + pattern.slice(i, i + 2);
            i += 2;
          }
          break;
        }
        case 'u':
          if (!/^[0-9a-fA-F]{4}/.test(pattern.slice(i))) fail(pattern, start, 'a malformed \\u escape');
          out += '\\u' + pattern.slice(i, i + 4);
          i += 4;
          break;
        case 'c':
          if (!/^[A-Za-z]/.test(pattern.slice(i))) fail(pattern, start, 'a malformed \\c escape');
          out += '\\c' + pattern[i];
          i += 1;
          break;
        case 'p':
        case 'P': {
          const match = /^\{(?:Is)?([A-Za-z]+)\}/.exec(pattern.slice(i));
          const set = match === null ? undefined : POSIX[match[1] as string];
          if (match === null || set === undefined) fail(pattern, start, `the property class \\${next}${match === null ? '' : match[0]}`);
          if (next === 'P' && inClass) fail(pattern, start, '\\P{...} inside a character class');
          out += inClass ? set : next === 'p' ? `[${set}]` : `[^${set}]`;
          i += match[0].length;
          break;
        }
        case 'k':
          if (inClass) fail(pattern, start, '\\k inside a character class');
          out += '\\k';
          break;
        case 'd':
        case 'D':
        case 'w':
        case 'W':
        case 't':
        case 'n':
        case 'r':
        case 'f':
          out += '\\' + next;
          break;
        case 'b':
        case 'B':
          if (inClass) fail(pattern, start, `\\${next} inside a character class`);
          if (pattern[i] === '{') fail(pattern, start, 'a \\b{...} boundary');
          out += '\\' + next;
          break;
        default:
          if (/[1-9]/.test(next)) {
            if (inClass) fail(pattern, start, 'a back reference inside a character class');
            out += '\\' + next;
          } else if (/[A-Za-z]/.test(next)) {
            // G, X, N, E without Q, ... : Java either rejects them or means something JS lacks.
            fail(pattern, start, `the escape \\${next}`);
          } else {
            out += '\\' + next;
          }
      }
    } else if (inClass) {
      if (character === '[') fail(pattern, i, 'a nested character class (union)');
      if (character === '&' && pattern[i + 1] === '&') fail(pattern, i, 'class intersection (&&)');
      if (character === ']' && !classStart) {
        inClass = false;
        out += ']';
      } else if (character === ']') {
        out += '\\]';
      } else {
        out += character;
      }
      i += 1;
    } else if (character === '[') {
      inClass = true;
      out += '[';
      i += 1;
      if (pattern[i] === '^') {
        out += '^';
        i += 1;
      }
      classStart = true;
      continue;
    } else if (character === '(') {
      if (pattern[i + 1] === '?') {
        const rest = pattern.slice(i + 2);
        if (/^(?::|=|!|<=|<!)/.test(rest)) {
          out += '(?';
          i += 2;
        } else if (/^<[A-Za-z][A-Za-z0-9]*>/.test(rest)) {
          out += '(?';
          i += 2;
        } else if (rest.startsWith('>')) {
          fail(pattern, i, 'an atomic group (?>...)');
        } else {
          fail(pattern, i, 'an inline flag group (only leading (?i), (?s), (?m) are supported)');
        }
      } else {
        out += '(';
        i += 1;
      }
    } else if (character === '.') {
      // Java's dot also stops at U+0085 (NEL) unless DOTALL is on.
      out += dotAll ? '[\\s\\S]' : '[^\\n\\r\\x85\\u2028\\u2029]';
      i += 1;
    } else if (character === '*' || character === '+' || character === '?') {
      if (lastWasQuantifier && character === '+') fail(pattern, i, 'a possessive quantifier');
      if (lastWasQuantifier && character === '?') {
        out += '?'; // lazy
        i += 1;
        lastWasQuantifier = false;
        continue;
      }
      out += character;
      quantifier = true;
      i += 1;
    } else if (character === '{') {
      const match = /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(i));
      if (match === null) fail(pattern, i, 'an unescaped { that is not a quantifier');
      out += match[0];
      quantifier = true;
      i += match[0].length;
    } else {
      out += character === '/' ? '\\/' : character;
      i += 1;
    }
    classStart = false;
    lastWasQuantifier = quantifier;
  }
  if (inClass) fail(pattern, pattern.length, 'an unclosed character class');
  return { source: out, flags };
}

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 256;

/**
 * The anchored `RegExp` for a Java pattern, compiled once and cached.
 *
 * @example
 * ```ts
 * compileJavaRegex('a*b').test('aaaaab'); // true
 * ```
 */
export function compileJavaRegex(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  const { source, flags } = translateJavaRegex(pattern);
  let regex: RegExp;
  try {
    // Anchored to the whole input without ^/$, which would change meaning under (?m).
    regex = new RegExp(`(?<![\\s\\S])(?:${source})(?![\\s\\S])`, flags);
  } catch (error) {
    throw new UnsupportedJavaRegexError(`invalid pattern ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, regex);
  return regex;
}

/**
 * `util.matches(pattern, value)`: whether the Java `pattern` matches all of `value`.
 *
 * @example
 * ```ts
 * javaMatches('a*b', 'aaaaab'); // true (the developer guide's example)
 * javaMatches('a*b', 'aaaaabc'); // false: the whole value must match
 * ```
 */
export function javaMatches(pattern: unknown, value: unknown): boolean {
  if (typeof pattern !== 'string') throw new UnsupportedJavaRegexError('the pattern must be a string');
  return compileJavaRegex(pattern).test(String(value));
}
