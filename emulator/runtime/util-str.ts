/**
 * `util.str` (developer guide: "String helpers in util.str").
 */

const FORMS: Readonly<Record<string, 'NFC' | 'NFD' | 'NFKC' | 'NFKD'>> = { nfc: 'NFC', nfd: 'NFD', nfkc: 'NFKC', nfkd: 'NFKD' };

/**
 * The `util.str` object.
 *
 * @example
 * ```ts
 * utilStr.normalize('e\u0301', 'nfc'); // 'é'
 * ```
 */
export const utilStr = {
  normalize(value: string, normalizationType: string): string {
    const form = FORMS[String(normalizationType).toLowerCase()];
    if (form === undefined) {
      throw new Error(`util.str.normalize: unknown normalization type ${JSON.stringify(normalizationType)}; use nfc, nfd, nfkc or nfkd`);
    }
    return String(value).normalize(form);
  },
};
