import {
  DateTimeFormatter,
  Instant,
  LocalDate,
  LocalDateTime,
  ZonedDateTime,
  ZoneId,
  ZoneOffset,
  type TemporalAccessor,
} from '@js-joda/core';
// Registers the IANA time-zone rules with @js-joda/core (a side-effect import), so that
// `ZoneId.of('Australia/Perth')` works as it does in Java.
import '@js-joda/timezone';
import type { HostCapabilities } from './contract.ts';
import { nowEpochMilliseconds } from './unique-ids.ts';

/**
 * `util.time`: timestamps in the formats of Java's `DateTimeFormatter`, which AppSync's helpers
 * are built on (see "Time helpers in util.time" in the AppSync developer guide). js-joda is a
 * port of `java.time` and reproduces the documented examples exactly. It has no localized text
 * without its locale plugin, so English month, day, era, quarter and AM/PM names are supplied
 * here for formatting; parsing such names is refused with an explicit error.
 */
export interface UtilTime {
  nowISO8601(): string;
  nowEpochSeconds(): number;
  nowEpochMilliSeconds(): number;
  nowFormatted(format: string, timezone?: string): string;
  parseFormattedToEpochMilliSeconds(timestamp: string, format: string, timezone?: string): number;
  parseISO8601ToEpochMilliSeconds(timestamp: string): number;
  epochMilliSecondsToSeconds(milliseconds: number): number;
  epochMilliSecondsToISO8601(milliseconds: number): string;
  epochMilliSecondsToFormatted(milliseconds: number, format: string, timezone?: string): string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const QUARTERS = ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'];

/** A Java pattern split into letter runs, quoted literals and other characters. */
interface PatternToken {
  kind: 'letters' | 'other';
  text: string;
}

function tokenize(pattern: string): PatternToken[] {
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
function literal(text: string): string {
  const pieces: string[] = [];
  text.split("'").forEach((part, index) => {
    if (index > 0) pieces.push("''");
    if (part !== '') pieces.push(`'${part}'`);
  });
  return pieces.join('[]');
}

/** The text of a quoted literal token (`'It''s'` → `It's`; a lone `''` → `'`). */
function unquote(token: string): string {
  if (token === "''") return "'";
  return token.slice(1, -1).replace(/''/g, "'");
}

/** Letters whose Java meaning is localized text that js-joda cannot produce by itself. */
function isTextField(letters: string): boolean {
  const letter = letters[0];
  const count = letters.length;
  if (letter === 'G' || letter === 'E' || letter === 'a' || letter === 'O' || letter === 'z' || letter === 'v') return true;
  if ((letter === 'M' || letter === 'L' || letter === 'Q' || letter === 'q' || letter === 'e' || letter === 'c') && count >= 3) {
    return true;
  }
  return false;
}

/** The English text of one text field for `dateTime`, as Java's `Locale.ENGLISH` prints it. */
function englishText(letters: string, dateTime: ZonedDateTime): string {
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

/** A js-joda formatter for a (rewritten) pattern; errors quote the pattern as the resolver wrote it. */
function formatterFor(format: string, helper: string, written: string): DateTimeFormatter {
  try {
    return DateTimeFormatter.ofPattern(format);
  } catch (error) {
    throw new Error(`${helper}: invalid format ${JSON.stringify(written)}: ${(error as Error).message}`);
  }
}

function zoneFor(timezone: unknown, helper: string): ZoneId {
  if (timezone === undefined || timezone === null) return ZoneOffset.UTC;
  if (typeof timezone !== 'string') throw new Error(`${helper}: the timezone must be a string`);
  try {
    return ZoneId.of(timezone);
  } catch (error) {
    throw new Error(`${helper}: unknown timezone ${JSON.stringify(timezone)}: ${(error as Error).message}`);
  }
}

function instantFor(milliseconds: unknown, helper: string): Instant {
  if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds)) {
    throw new Error(`${helper}: the epoch milliseconds must be a finite number`);
  }
  return Instant.ofEpochMilli(Math.trunc(milliseconds));
}

/** Formats `instant` in `zone` with a Java pattern, English text fields included. */
function format(instant: Instant, pattern: unknown, zone: ZoneId, helper: string): string {
  if (typeof pattern !== 'string') throw new Error(`${helper}: the format must be a string`);
  const dateTime = ZonedDateTime.ofInstant(instant, zone);
  // Text fields become quoted literals, so js-joda only ever sees numeric fields.
  const rewritten = tokenize(pattern)
    .map((token) => {
      if (token.kind === 'letters') return isTextField(token.text) ? literal(englishText(token.text, dateTime)) : token.text;
      return token.text.startsWith("'") ? literal(unquote(token.text)) : token.text;
    })
    .join('');
  return dateTime.format(formatterFor(rewritten, helper, pattern));
}

/** Epoch milliseconds of a parsed timestamp; `zone` fills in when the text carries none. */
function epochMillisOf(parsed: TemporalAccessor, zone: ZoneId | null, helper: string): number {
  try {
    return ZonedDateTime.from(parsed).toInstant().toEpochMilli();
  } catch {
    // no zone or offset in the text: fall through to the given timezone
  }
  if (zone === null) {
    throw new Error(`${helper}: the timestamp has no time zone or offset; pass a timezone as the third argument`);
  }
  try {
    return LocalDateTime.from(parsed).atZone(zone).toInstant().toEpochMilli();
  } catch {
    // a date without a time: midnight of that day in the zone
  }
  try {
    return LocalDate.from(parsed).atStartOfDay(zone).toInstant().toEpochMilli();
  } catch (error) {
    throw new Error(`${helper}: the timestamp does not name a point in time: ${(error as Error).message}`);
  }
}

/**
 * Builds `util.time` over the host's clock.
 *
 * @example
 * ```ts
 * const time = createUtilTime(host);
 * time.epochMilliSecondsToFormatted(1517943695758, 'yyyy-MM-dd HH:mm:ssZ', '+08:00'); // '2018-02-07 03:01:35+0800'
 * ```
 */
export function createUtilTime(host: HostCapabilities): UtilTime {
  const now = (): number => nowEpochMilliseconds(host);
  return {
    nowISO8601: () => Instant.ofEpochMilli(now()).toString(),
    nowEpochSeconds: () => Math.floor(now() / 1000),
    nowEpochMilliSeconds: () => now(),
    nowFormatted: (pattern, timezone) =>
      format(Instant.ofEpochMilli(now()), pattern, zoneFor(timezone, 'util.time.nowFormatted'), 'util.time.nowFormatted'),
    parseFormattedToEpochMilliSeconds: (timestamp, pattern, timezone) => {
      const helper = 'util.time.parseFormattedToEpochMilliSeconds';
      if (typeof timestamp !== 'string') throw new Error(`${helper}: the timestamp must be a string`);
      if (typeof pattern !== 'string') throw new Error(`${helper}: the format must be a string`);
      const tokens = tokenize(pattern);
      const textField = tokens.find((token) => token.kind === 'letters' && isTextField(token.text));
      if (textField !== undefined) {
        throw new Error(`${helper}: parsing the text field '${textField.text}' (month, day or AM/PM names) is not supported offline; use numeric fields`);
      }
      // Literals re-emitted as in formatting, to avoid js-joda's misreading of '''...'''.
      const rewritten = tokens.map((token) => (token.text.startsWith("'") ? literal(unquote(token.text)) : token.text)).join('');
      const formatter = formatterFor(rewritten, helper, pattern);
      let parsed: TemporalAccessor;
      try {
        parsed = formatter.parse(timestamp);
      } catch (error) {
        throw new Error(`${helper}: ${JSON.stringify(timestamp)} does not match ${JSON.stringify(pattern)}: ${(error as Error).message}`);
      }
      const zone = timezone === undefined || timezone === null ? null : zoneFor(timezone, helper);
      return epochMillisOf(parsed, zone, helper);
    },
    parseISO8601ToEpochMilliSeconds: (timestamp) => {
      const helper = 'util.time.parseISO8601ToEpochMilliSeconds';
      if (typeof timestamp !== 'string') throw new Error(`${helper}: the timestamp must be a string`);
      try {
        // ISO_ZONED_DATE_TIME accepts both '...Z' and '...+08:00' (and a trailing [Zone/Id]).
        return ZonedDateTime.parse(timestamp).toInstant().toEpochMilli();
      } catch (error) {
        throw new Error(`${helper}: ${JSON.stringify(timestamp)} is not an ISO 8601 date-time with an offset: ${(error as Error).message}`);
      }
    },
    // Java's long division truncates toward zero.
    epochMilliSecondsToSeconds: (milliseconds) => Math.trunc(instantFor(milliseconds, 'util.time.epochMilliSecondsToSeconds').toEpochMilli() / 1000),
    // Instant.toString, as in Java: the fraction is left out when it is zero.
    epochMilliSecondsToISO8601: (milliseconds) => instantFor(milliseconds, 'util.time.epochMilliSecondsToISO8601').toString(),
    epochMilliSecondsToFormatted: (milliseconds, pattern, timezone) => {
      const helper = 'util.time.epochMilliSecondsToFormatted';
      return format(instantFor(milliseconds, helper), pattern, zoneFor(timezone, helper), helper);
    },
  };
}
