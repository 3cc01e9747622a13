/**
 * `util.base64Encode` / `util.base64Decode`: standard Base64 (RFC 4648 §4, with padding) of the
 * UTF-8 bytes of a string, the behaviour of Java's `Base64.getEncoder()` / `getDecoder()` that
 * AppSync uses. Written out here because the sandbox realm has no `btoa`, `atob` or `Buffer`.
 */
import { utf8Decode, utf8Encode } from './utf8.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Base64 of the UTF-8 bytes of `text`.
 *
 * @example
 * ```ts
 * base64Encode('hello'); // 'aGVsbG8='
 * ```
 */
export function base64Encode(text: string): string {
  return bytesToBase64(utf8Encode(String(text)));
}

/**
 * Base64 of raw bytes.
 *
 * @example
 * ```ts
 * bytesToBase64([0xff]); // '/w=='
 * ```
 */
export function bytesToBase64(bytes: ArrayLike<number>): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '=';
  }
  return out;
}

/**
 * The text whose UTF-8 bytes `encoded` holds. Like Java's basic decoder, padding is optional,
 * and any character outside the alphabet (whitespace included) is refused with an error.
 *
 * @example
 * ```ts
 * base64Decode('aGVsbG8='); // 'hello'
 * ```
 */
export function base64Decode(encoded: string): string {
  return utf8Decode(base64ToBytes(String(encoded)));
}

/**
 * The bytes `encoded` holds; throws on input Java's `Base64.getDecoder()` would refuse.
 *
 * @example
 * ```ts
 * base64ToBytes('/w=='); // [255]
 * ```
 */
export function base64ToBytes(encoded: string): number[] {
  let end = encoded.length;
  // Padding marks the end of the data; it is accepted but not required.
  if (end > 0 && encoded[end - 1] === '=') end -= 1;
  if (end > 0 && encoded[end - 1] === '=') end -= 1;
  const paddingLength = encoded.length - end;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < end; i += 1) {
    const value = ALPHABET.indexOf(encoded[i] as string);
    if (value < 0) {
      throw new Error(`util.base64Decode: illegal Base64 character ${JSON.stringify(encoded[i])} at index ${i}`);
    }
    buffer = ((buffer << 6) | value) & 0xffff; // only the low 14 bits are ever read
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  // Checked after the characters, so that a stray character is reported as such.
  if (end % 4 === 1) {
    throw new Error('util.base64Decode: input is not valid Base64 (the last unit has a single character)');
  }
  if (paddingLength > 0 && (end + paddingLength) % 4 !== 0) {
    throw new Error('util.base64Decode: input is not valid Base64 (wrong amount of padding)');
  }
  return bytes;
}
