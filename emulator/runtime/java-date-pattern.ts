/**
 * Java `DateTimeFormatter` patterns, as far as js-joda cannot take them as they are: splitting
 * a pattern into tokens, re-emitting quoted literals (js-joda misreads `'''a'''`), and the
 * English (`Locale.ENGLISH`) text of month, day, era, quarter, AM/PM and localized-offset fields,
 * which js-joda prints only with its locale plugin.
 */
import type { ZonedDateTime } from '@js-joda/core';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const QUARTERS = ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'];

/** A Java pattern split into letter runs, quoted literals and other characters. */
export interface PatternToken {
  kind: 'letters' | 'other';
  text: string;
}

/**
 * Splits a Java pattern into letter runs, quoted literals and single other characters; refuses
 * an unterminated literal as Java does.
 *
 * @example
 * ```ts
 * tokenize("yyyy'T'HH"); // [yyyy] ['T'] [HH]
 * ```
 */
export function tokenize(pattern: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  let i = 0;
  while (i < pattern.length) {
    const character = pattern[i] as string;
    if (character === "'") {
      // A quoted literal runs to the next lone quote; '' inside it is one quote.
      let j = i + 1;
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            j += 2;
            continue;
          }
          break;
        }
        j += 1;
      }
      // Java refuses a literal that is never closed ("incomplete string literal").
      if (j >= pattern.length) throw new Error(`util.time: the format ${JSON.stringify(pattern)} has an unterminated quoted literal`);
      tokens.push({ kind: 'other', text: pattern.slice(i, j + 1) });
      i = j + 1;
    } else if (/[A-Za-z]/.test(character)) {
      let j = i;
      while (pattern[j] === character) j += 1;
      tokens.push({ kind: 'letters', text: pattern.slice(i, j) });
      i = j;
    } else {
      tokens.push({ kind: 'other', text: character });
      i += 1;
    }
  }
  return tokens;
}

/**
 * `text` as pattern literals. Quotes become `''` and pieces are separated by an empty optional
 * section `[]`, because js-joda misreads a quoted literal that starts with an escaped quote
 * (`'''a'''` gives `'a''` where Java gives `'a'`).
 */
export function literal(text: string): string {
  const pieces: string[] = [];
  text.split("'").forEach((part, index) => {
    if (index > 0) pieces.push("''");
    if (part !== '') pieces.push(`'${part}'`);
  });
  return pieces.join('[]');
}

/** The text of a quoted literal token (`'It''s'` → `It's`; a lone `''` → `'`). */
export function unquote(token: string): string {
  if (token === "''") return "'";
  return token.slice(1, -1).replace(/''/g, "'");
}

/** Letters whose Java meaning is localized text that js-joda cannot produce by itself. */
export function isTextField(letters: string): boolean {
  const letter = letters[0];
  const count = letters.length;
  if (letter === 'G' || letter === 'E' || letter === 'a' || letter === 'O' || letter === 'z' || letter === 'v') return true;
  if ((letter === 'M' || letter === 'L' || letter === 'Q' || letter === 'q' || letter === 'e' || letter === 'c') && count >= 3) {
    return true;
  }
  return false;
}

/** The English text of one text field for `dateTime`, as Java's `Locale.ENGLISH` prints it. */
export function englishText(letters: string, dateTime: ZonedDateTime): string {
  const letter = letters[0];
  const count = letters.length;
  const pick = (full: string): string => (count === 4 ? full : count === 5 ? full.charAt(0) : full.slice(0, 3));
  switch (letter) {
    case 'G': {
      const ad = dateTime.year() > 0;
      if (count === 4) return ad ? 'Anno Domini' : 'Before Christ';
      if (count === 5) return ad ? 'A' : 'B';
      return ad ? 'AD' : 'BC';
    }
    case 'E':
    case 'e':
    case 'c':
      return pick(DAYS[dateTime.dayOfWeek().value() - 1] as string);
    case 'M':
    case 'L':
      return pick(MONTHS[dateTime.monthValue() - 1] as string);
    case 'Q':
    case 'q': {
      const quarter = Math.floor((dateTime.monthValue() - 1) / 3);
      if (count === 4) return QUARTERS[quarter] as string;
      if (count === 5) return String(quarter + 1);
      return `Q${quarter + 1}`;
    }
    case 'a':
      return dateTime.hour() < 12 ? 'AM' : 'PM';
    case 'O': {
      // Localized offset: 'O' is GMT+8 / GMT+5:30, 'OOOO' is GMT+08:00.
      const total = dateTime.offset().totalSeconds();
      if (total === 0) return 'GMT';
      const sign = total < 0 ? '-' : '+';
      const hours = Math.floor(Math.abs(total) / 3600);
      const minutes = Math.floor((Math.abs(total) % 3600) / 60);
      if (count === 4) return `GMT${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
      return minutes === 0 ? `GMT${sign}${hours}` : `GMT${sign}${hours}:${String(minutes).padStart(2, '0')}`;
    }
    default:
      throw new Error(
        `util.time: pattern letter '${letters}' (a localized time-zone name) is not supported offline; ` +
          "use 'VV' for the zone id or 'Z'/'XXX' for the offset",
      );
  }
}
