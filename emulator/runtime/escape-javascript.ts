/**
 * `util.escapeJavaScript`: the escaping of Apache Commons Lang `StringEscapeUtils`
 * (`escapeJavaScript` / `escapeEcmaScript`), which AppSync's `$util.escapeJavaScript` is built
 * on: quotes, backslash and `/` get a backslash, the Java control escapes `\b \n \t \f \r` are
 * used, and every other character below U+0020 or above U+007F becomes `\uXXXX` (uppercase hex,
 * one escape per UTF-16 unit, so an emoji becomes a surrogate pair of escapes).
 */

const SIMPLE: Readonly<Record<string, string>> = {
  "'": "\\'",
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\n': '\\n',
  '\t': '\\t',
  '\f': '\\f',
  '\r': '\\r',
};

/**
 * Escapes `text` for a JavaScript string literal.
 *
 * @example
 * ```ts
 * escapeJavaScript('He said "hi"\n'); // 'He said \\"hi\\"\\n'
 * ```
 */
export function escapeJavaScript(text: string): string {
  const source = String(text);
  let out = '';
  for (let i = 0; i < source.length; i += 1) {
    const character = source[i] as string;
    const simple = SIMPLE[character];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const code = source.charCodeAt(i);
    if (code < 0x20 || code > 0x7f) {
      out += '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
    } else {
      out += character;
    }
  }
  return out;
}
