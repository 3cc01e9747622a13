/**
 * UTF-8 encoding and decoding in plain JavaScript. The sandbox realm has no `TextEncoder`,
 * `TextDecoder` or `Buffer`, and `util.base64*` / `util.url*` work on the UTF-8 bytes of a
 * string, as AppSync's Java implementation does.
 */

/** The replacement character written for an unpaired surrogate or an invalid byte sequence. */
const REPLACEMENT = 0xfffd;

/**
 * The UTF-8 bytes of `text`. An unpaired surrogate becomes U+FFFD (EF BF BD), as the WHATWG
 * `TextEncoder` does.
 *
 * @example
 * ```ts
 * utf8Encode('é'); // [0xc3, 0xa9]
 * ```
 */
export function utf8Encode(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i += 1;
      } else {
        code = REPLACEMENT;
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      code = REPLACEMENT;
    }
    if (code < 0x80) {
      bytes.push(code);
    } else if (code < 0x800) {
      bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    } else {
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      );
    }
  }
  return bytes;
}

/**
 * The text encoded by UTF-8 `bytes`. Each maximal invalid subsequence becomes one U+FFFD, the
 * WHATWG decoding rule (Java's decoder replaces malformed input the same way).
 *
 * @example
 * ```ts
 * utf8Decode([0xe2, 0x82, 0xac]); // '€'
 * ```
 */
export function utf8Decode(bytes: ArrayLike<number>): string {
  const units: number[] = [];
  let out = '';
  const flush = (): void => {
    // String.fromCharCode with a spread is bounded by the engine's argument limit: flush often.
    out += String.fromCharCode(...units);
    units.length = 0;
  };
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i] as number;
    let code: number;
    let needed: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (first < 0x80) {
      code = first;
      needed = 0;
    } else if (first >= 0xc2 && first <= 0xdf) {
      code = first & 0x1f;
      needed = 1;
    } else if (first >= 0xe0 && first <= 0xef) {
      code = first & 0x0f;
      needed = 2;
      // Reject overlong forms and encoded surrogates at the second byte.
      if (first === 0xe0) lower = 0xa0;
      if (first === 0xed) upper = 0x9f;
    } else if (first >= 0xf0 && first <= 0xf4) {
      code = first & 0x07;
      needed = 3;
      if (first === 0xf0) lower = 0x90;
      if (first === 0xf4) upper = 0x8f;
    } else {
      units.push(REPLACEMENT);
      i += 1;
      continue;
    }
    let j = 1;
    let valid = true;
    for (; j <= needed; j += 1) {
      const next = bytes[i + j];
      if (next === undefined || next < lower || next > upper) {
        valid = false;
        break;
      }
      lower = 0x80;
      upper = 0xbf;
      code = (code << 6) | (next & 0x3f);
    }
    if (!valid) {
      units.push(REPLACEMENT);
      i += j;
      continue;
    }
    i += needed + 1;
    if (code >= 0x10000) {
      code -= 0x10000;
      units.push(0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff));
    } else {
      units.push(code);
    }
    if (units.length >= 4096) flush();
  }
  flush();
  return out;
}
