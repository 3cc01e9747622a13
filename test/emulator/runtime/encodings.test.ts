import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Decode, utf8Encode } from '../../../emulator/runtime/utf8.ts';
import { makeModules } from './helpers.ts';

// Expected values: RFC 4648 §10 test vectors for Base64; Java's URLEncoder/URLDecoder
// (application/x-www-form-urlencoded, UTF-8) for the URL helpers, which AppSync's
// util.urlEncode/urlDecode follow; Apache Commons Lang StringEscapeUtils.escapeJavaScript for
// util.escapeJavaScript. Node's Buffer is the reference for UTF-8 (host side, tests only).
const { util } = makeModules();

describe('Runtime: UTF-8', () => {
  it('encodes every width of UTF-8 like Buffer does', () => {
    const text = 'a é € 😀 \u0000 \u07ff \uffff';
    expect(utf8Encode(text)).toEqual([...Buffer.from(text, 'utf8')]);
    expect(utf8Decode(Buffer.from(text, 'utf8'))).toBe(text);
  });

  it('replaces unpaired surrogates and invalid bytes with U+FFFD, like TextEncoder/TextDecoder', () => {
    expect(utf8Encode('\ud800x')).toEqual([...new TextEncoder().encode('\ud800x')]);
    const invalid = [0xc3, 0x28, 0xe2, 0x82, 0xff, 0xf0, 0x9f, 0x98, 0xed, 0xa0, 0x80, 0xc0, 0xaf];
    expect(utf8Decode(invalid)).toBe(new TextDecoder().decode(Uint8Array.from(invalid)));
  });
});

describe('Runtime: util.base64Encode / base64Decode', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes %j as %j (RFC 4648 vectors) and back', (plain, encoded) => {
    expect(util.base64Encode(plain)).toBe(encoded);
    expect(util.base64Decode(encoded)).toBe(plain);
  });

  it('encodes the UTF-8 bytes of non-ASCII text', () => {
    // Prepare
    const text = 'héllo € 😀';

    // Act & Assess
    expect(util.base64Encode(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
    expect(util.base64Decode(Buffer.from(text, 'utf8').toString('base64'))).toBe(text);
  });

  it('accepts missing padding, as Java’s decoder does', () => {
    expect(util.base64Decode('Zm9vYg')).toBe('foob');
  });

  it('refuses characters outside the alphabet and impossible lengths', () => {
    expect(() => util.base64Decode('Zm9v YmFy')).toThrow(/illegal Base64 character " " at index 4/);
    expect(() => util.base64Decode('Zm9vY')).toThrow(/not valid Base64/);
    expect(() => util.base64Decode('Zm9=v')).toThrow(/illegal Base64 character "="/);
  });
});

describe('Runtime: util.urlEncode / urlDecode', () => {
  it('form-encodes like Java URLEncoder: space as +, *-._ kept, the rest as uppercase %XX of UTF-8', () => {
    expect(util.urlEncode('a b&c=d')).toBe('a+b%26c%3Dd');
    expect(util.urlEncode("*-._~!'()")).toBe('*-._%7E%21%27%28%29');
    expect(util.urlEncode('é€😀/?')).toBe('%C3%A9%E2%82%AC%F0%9F%98%80%2F%3F');
  });

  it('decodes + as a space and %XX runs as UTF-8', () => {
    expect(util.urlDecode('a+b%26c%3Dd')).toBe('a b&c=d');
    expect(util.urlDecode('%C3%A9%e2%82%ac%F0%9F%98%80')).toBe('é€😀');
    expect(util.urlDecode(util.urlEncode('round trip: ü + ✓'))).toBe('round trip: ü + ✓');
  });

  it('refuses an incomplete or non-hex escape, as Java URLDecoder does', () => {
    expect(() => util.urlDecode('100%')).toThrow(/incomplete or illegal escape/);
    expect(() => util.urlDecode('%zz')).toThrow(/incomplete or illegal escape/);
  });
});

describe('Runtime: util.escapeJavaScript', () => {
  it('escapes quotes, backslash and slash with a backslash', () => {
    expect(util.escapeJavaScript(`He said "it's" a\\b/c`)).toBe(`He said \\"it\\'s\\" a\\\\b\\/c`);
  });

  it('uses the Java control escapes and \\uXXXX for other control and non-ASCII characters', () => {
    expect(util.escapeJavaScript('\b\n\t\f\r')).toBe('\\b\\n\\t\\f\\r');
    expect(util.escapeJavaScript('\u0001\u001f\u007f')).toBe('\\u0001\\u001F\u007f');
    expect(util.escapeJavaScript('é€😀')).toBe('\\u00E9\\u20AC\\uD83D\\uDE00');
  });
});

describe('Runtime: encodings against independent references (property-based)', () => {
  // Well-formed Unicode text of any plane; Buffer, encodeURIComponent and decodeURIComponent are
  // host-side references that the runtime itself may not use.
  const text = fc.string({ unit: 'grapheme', maxLength: 40 });

  it('encodes UTF-8 and Base64 exactly as Buffer does, and round-trips', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(utf8Encode(value)).toEqual([...Buffer.from(value, 'utf8')]);
        expect(util.base64Encode(value)).toBe(Buffer.from(value, 'utf8').toString('base64'));
        expect(util.base64Decode(util.base64Encode(value))).toBe(value);
      }),
    );
  });

  it('decodes arbitrary bytes as TextDecoder does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(utf8Decode(bytes)).toBe(new TextDecoder().decode(bytes));
      }),
    );
  });

  it('form-encodes as encodeURIComponent adjusted to Java URLEncoder, and round-trips', () => {
    // Java URLEncoder differs from encodeURIComponent in three ways: space is '+', and
    // ! ' ( ) ~ are escaped; both leave * - . _ and alphanumerics alone.
    const javaUrlEncode = (value: string) =>
      encodeURIComponent(value)
        .replace(/[!'()~]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, '+');
    fc.assert(
      fc.property(text, (value) => {
        expect(util.urlEncode(value)).toBe(javaUrlEncode(value));
        expect(util.urlDecode(util.urlEncode(value))).toBe(value);
      }),
    );
  });
});
