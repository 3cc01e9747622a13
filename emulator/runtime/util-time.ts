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
import { englishText, isTextField, literal, tokenize, unquote } from './java-date-pattern.ts';
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
