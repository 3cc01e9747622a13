import { describe, expect, it } from 'vitest';
import { GUIDE_EPOCH_MILLIS, makeModules } from './helpers.ts';

// Expected values: the examples of the AppSync developer guide, "Time helpers in $util.time"
// (the APPSYNC_JS page "Time helpers in util.time" documents the same functions), taken at
// 2018-02-06T19:01:35.758Z; formats are Java DateTimeFormatter patterns.
const { util } = makeModules({ now: GUIDE_EPOCH_MILLIS });

describe('Runtime: util.time', () => {
  it('reads the current time from the host clock', () => {
    expect(util.time.nowEpochMilliSeconds()).toBe(1517943695758);
    expect(util.time.nowEpochSeconds()).toBe(1517943695);
    expect(util.time.nowISO8601()).toBe('2018-02-06T19:01:35.758Z');
  });

  it('formats now in UTC and in a zone given by id or by offset (guide examples)', () => {
    expect(util.time.nowFormatted('yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(util.time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth')).toBe('2018-02-07 03:01:35+0800');
    expect(util.time.nowFormatted('yyyy-MM-dd HH:mm:ssZ', '+08:00')).toBe('2018-02-07 03:01:35+0800');
  });

  it('converts epoch milliseconds (guide examples)', () => {
    expect(util.time.epochMilliSecondsToSeconds(1517943695758)).toBe(1517943695);
    expect(util.time.epochMilliSecondsToISO8601(1517943695758)).toBe('2018-02-06T19:01:35.758Z');
    expect(util.time.epochMilliSecondsToFormatted(1517943695758, 'yyyy-MM-dd HH:mm:ssZ')).toBe('2018-02-06 19:01:35+0000');
    expect(util.time.epochMilliSecondsToFormatted(1517943695758, 'yyyy-MM-dd HH:mm:ssZ', '+08:00')).toBe('2018-02-07 03:01:35+0800');
  });

  it('parses timestamps to epoch milliseconds (guide examples)', () => {
    expect(util.time.parseISO8601ToEpochMilliSeconds('2018-02-01T17:21:05.180+08:00')).toBe(1517476865180);
    expect(util.time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22+0800', 'yyyy-MM-dd HH:mm:ssZ')).toBe(1517505562000);
    expect(util.time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss', '+08:00')).toBe(1517505562000);
  });

  it('leaves out a zero fraction in ISO 8601, as Java Instant.toString does', () => {
    expect(util.time.epochMilliSecondsToISO8601(1517943695000)).toBe('2018-02-06T19:01:35Z');
    expect(util.time.parseISO8601ToEpochMilliSeconds('2018-02-06T19:01:35Z')).toBe(1517943695000);
  });

  it('truncates toward zero when converting milliseconds to seconds, like Java long division', () => {
    expect(util.time.epochMilliSecondsToSeconds(-1500)).toBe(-1);
  });

  it('applies daylight saving time from the IANA rules', () => {
    // 2018-07-01T12:00:00Z is 14:00 in Paris (CEST, +02:00); in January it is +01:00.
    expect(util.time.epochMilliSecondsToFormatted(Date.UTC(2018, 6, 1, 12), 'HH:mm XXX', 'Europe/Paris')).toBe('14:00 +02:00');
    expect(util.time.epochMilliSecondsToFormatted(Date.UTC(2018, 0, 1, 12), 'HH:mm XXX', 'Europe/Paris')).toBe('13:00 +01:00');
  });

  it('prints English month, day, era, quarter and AM/PM names like Java', () => {
    expect(util.time.nowFormatted('EEE, d MMM yyyy HH:mm:ss Z')).toBe('Tue, 6 Feb 2018 19:01:35 +0000');
    expect(util.time.nowFormatted("EEEE MMMM h:mm a G QQQ QQQQ O 'at' VV")).toBe('Tuesday February 7:01 PM AD Q1 1st quarter GMT at Z');
    expect(util.time.nowFormatted('O OOOO', 'Asia/Kolkata')).toBe('GMT+5:30 GMT+05:30');
  });

  it('reads quoted literals as Java does, escaped quotes included', () => {
    expect(util.time.nowFormatted("h 'o''clock' a")).toBe("7 o'clock PM");
    expect(util.time.nowFormatted("'''quoted''' yyyy'T'HH")).toBe("'quoted' 2018T19");
    expect(util.time.nowFormatted("''HH''")).toBe("'19'");
    expect(() => util.time.nowFormatted("HH 'open")).toThrow(/unterminated quoted literal/);
    expect(util.time.parseFormattedToEpochMilliSeconds("'T'2018-02-01", "'''T'''yyyy-MM-dd", 'UTC')).toBe(Date.UTC(2018, 1, 1));
  });

  it('parses a date without a time as the start of that day in the given zone', () => {
    expect(util.time.parseFormattedToEpochMilliSeconds('2018-02-02', 'yyyy-MM-dd', 'UTC')).toBe(Date.UTC(2018, 1, 2));
  });

  it('refuses what it cannot honour, with a message that says what to do', () => {
    expect(() => util.time.parseFormattedToEpochMilliSeconds('2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss')).toThrow(/pass a timezone/);
    expect(() => util.time.parseFormattedToEpochMilliSeconds('Feb 2018', 'MMM yyyy', 'UTC')).toThrow(/text field 'MMM'/);
    expect(() => util.time.nowFormatted('yyyy z')).toThrow(/'z'.*not supported offline/);
    expect(() => util.time.nowFormatted('yyyy', 'Mars/Olympus')).toThrow(/unknown timezone "Mars\/Olympus"/);
    expect(() => util.time.nowFormatted('{')).toThrow(/invalid format/);
    expect(() => util.time.parseISO8601ToEpochMilliSeconds('2018-02-01')).toThrow(/not an ISO 8601 date-time/);
    expect(() => util.time.epochMilliSecondsToISO8601('now')).toThrow(/finite number/);
  });
});
