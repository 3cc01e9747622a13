import { describe, expect, it } from 'vitest';
import { translateJavaRegex } from '../../../emulator/runtime/java-regex.ts';
import { makeModules } from './helpers.ts';

// util.matches(pattern, value) is java.util.regex.Pattern.matches: the developer guide's example
// is util.matches("a*b", "aaaaab") → true. Expected results below are Java's for each pattern.
const { util } = makeModules();

describe('Runtime: util.matches (Java regular expressions)', () => {
  it('matches the guide example and requires the whole value to match', () => {
    expect(util.matches('a*b', 'aaaaab')).toBe(true);
    expect(util.matches('a*b', 'aaaaabc')).toBe(false);
    expect(util.matches('b', 'abc')).toBe(false);
  });

  it.each([
    ['^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$', 'agent@example.com', true],
    ['[A-Z]{3}-\\d{4}', 'ABC-1234', true],
    ['[A-Z]{3}-\\d{4}', 'ABC-123', false],
    ['(?i)hello', 'HeLLo', true],
    ['(?s)a.b', 'a\nb', true],
    ['a.b', 'a\nb', false],
    ['a.b', 'a\u0085b', false], // Java's dot stops at NEL too
    ['(?m)^a$\\n^b$', 'a\nb', true],
    ['\\p{Alpha}+\\p{Digit}\\p{Punct}', 'abc1!', true],
    ['\\p{Lower}+', 'abC', false],
    ['[\\p{Upper}\\d]+', 'AB12', true],
    ['\\P{Digit}+', 'abc', true],
    ['\\s+', ' \t\n', true],
    ['\\s', '\u00a0', false], // Java's \s is ASCII only
    ['\\S+', 'abc', true],
    ['\\Qa.b*c\\E', 'a.b*c', true],
    ['\\Qa.b*c\\E', 'axbbc', false],
    ['(?<year>\\d{4})-\\k<year>', '2024-2024', true],
    ['(a)\\1', 'aa', true],
    ['(?:ab)+?', 'abab', true],
    ['(?=.*\\d)(?=.*[a-z]).{8,}', 'passw0rd', true],
    ['(?<!x)y', 'y', true],
    ['\\Aabc\\z', 'abc', true],
    ['abc\\Z', 'abc', true],
    ['\\x41\\u0042\\x{43}\\0104', 'ABCD', true],
    ['a{2,3}', 'aaaa', false],
    ['[]a]+', ']a]', true],
    ['[^]a]', 'b', true],
    ['a/b', 'a/b', true],
    ['\\h\\v', ' \n', true],
    ['\\R', '\r\n', true],
  ])('%j matched against %j is %s, as in Java', (pattern, value, expected) => {
    expect(util.matches(pattern, value)).toBe(expected);
  });

  it('translates Java-only meanings explicitly', () => {
    expect(translateJavaRegex('(?i)\\p{Alpha}+\\s').source).toBe('[a-zA-Z]+[ \\t\\n\\x0B\\f\\r]');
    expect(translateJavaRegex('(?i)x').flags).toBe('i');
  });

  it.each([
    ['a++', 'a possessive quantifier'],
    ['a*+b', 'a possessive quantifier'],
    ['a{2}+', 'a possessive quantifier'],
    ['(?>ab)', 'an atomic group'],
    ['[a-z&&[^e]]', 'class intersection'],
    ['[a[b]]', 'a nested character class'],
    ['a(?i)b', 'an inline flag group'],
    ['(?i:ab)', 'an inline flag group'],
    ['(?x)a b', "the inline flag 'x'"],
    ['\\p{L}+', 'the property class \\p{L}'],
    ['\\p{IsAlphabetic}', 'the property class'],
    ['\\Ga', 'the escape \\G'],
    ['\\X', 'the escape \\X'],
    ['[a-z', 'an unclosed character class'],
    ['a{', 'an unescaped {'],
    ['\\', 'a trailing backslash'],
    ['[\\S]', '\\S inside a character class'],
  ])('refuses %j with an error naming %s', (pattern, construct) => {
    expect(() => util.matches(pattern, 'x')).toThrow(construct);
  });

  it('reports a pattern JavaScript cannot compile as invalid', () => {
    expect(() => util.matches('(ab', 'ab')).toThrow(/invalid pattern "\(ab"/);
  });
});
