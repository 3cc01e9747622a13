/**
 * `util.urlEncode` / `util.urlDecode`: `application/x-www-form-urlencoded`, the behaviour of
 * Java's `URLEncoder.encode(s, UTF_8)` / `URLDecoder.decode(s, UTF_8)`. This is not
 * `encodeURIComponent`: a space becomes `+`, and `*` stays while `!'()~` are escaped.
 */
import { utf8Decode, utf8Encode } from './utf8.ts';

/** Characters Java's URLEncoder leaves as they are. */
const UNRESERVED = /^[A-Za-z0-9.\-*_]$/;

const HEX = '0123456789ABCDEF';

/**
 * Form-encodes `text`.
 *
 * @example
 * ```ts
 * urlEncode('a b&c=d'); // 'a+b%26c%3Dd'
 * ```
 */
export function urlEncode(text: string): string {
  let out = '';
  const source = String(text);
  for (const character of source) {
    if (character === ' ') {
      out += '+';
    } else if (UNRESERVED.test(character)) {
      out += character;
    } else {
      for (const byte of utf8Encode(character)) {
        out += '%' + HEX[byte >> 4]! + HEX[byte & 15]!;
      }
    }
  }
  return out;
}

/**
 * Decodes a form-encoded `text`: `+` is a space and `%XX` runs are UTF-8 bytes. Like Java's
 * URLDecoder, an incomplete or non-hex escape is refused with an error.
 *
 * @example
 * ```ts
 * urlDecode('a+b%26c%3Dd'); // 'a b&c=d'
 * ```
 */
export function urlDecode(text: string): string {
  const source = String(text);
  let out = '';
  let i = 0;
  while (i < source.length) {
    const character = source[i] as string;
    if (character === '+') {
      out += ' ';
      i += 1;
    } else if (character === '%') {
      const bytes: number[] = [];
      while (i < source.length && source[i] === '%') {
        const hex = source.slice(i + 1, i + 3);
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
          throw new Error(`util.urlDecode: incomplete or illegal escape ${JSON.stringify(source.slice(i, i + 3))} at index ${i}`);
        }
        bytes.push(parseInt(hex, 16));
        i += 3;
      }
      out += utf8Decode(bytes);
    } else {
      out += character;
      i += 1;
    }
  }
  return out;
}
