/**
 * `util.autoId`, `util.autoUlid` and `util.autoKsuid`. Every random bit comes from
 * `HostCapabilities.randomHex` (the sandbox realm has no `crypto`), and the clock from
 * `nowEpochMilliseconds` so that tests can pin it.
 */
import { ulid } from 'ulid';
import type { HostCapabilities } from './contract.ts';

/** Reads `count` random bytes from the host as numbers. */
function randomBytes(host: HostCapabilities, count: number): number[] {
  const hex = host.randomHex(count);
  if (typeof hex !== 'string' || hex.length !== count * 2 || !/^[0-9a-f]*$/i.test(hex)) {
    throw new Error(`host randomHex(${count}) returned ${hex.length} hex digits instead of ${count * 2}`);
  }
  const bytes: number[] = [];
  for (let i = 0; i < count; i += 1) bytes.push(parseInt(hex.slice(i * 2, i * 2 + 2), 16));
  return bytes;
}

/**
 * The host's clock, or the realm's `Date.now()` when the host lends none.
 *
 * @example
 * ```ts
 * nowEpochMilliseconds({ randomHex, nowEpochMilliseconds: () => 0 }); // 0
 * ```
 */
export function nowEpochMilliseconds(host: HostCapabilities): number {
  return typeof host.nowEpochMilliseconds === 'function' ? host.nowEpochMilliseconds() : Date.now();
}

/**
 * A random (version 4) UUID in lowercase, as `util.autoId()` returns.
 *
 * @example
 * ```ts
 * autoId(host); // '1b4e28ba-2fa1-41d2-883f-0016d3cca427'
 * ```
 */
export function autoId(host: HostCapabilities): string {
  const bytes = randomBytes(host, 16);
  // RFC 9562 §5.4: version 4 in the high nibble of byte 6, variant 10 in the top bits of byte 8.
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A ULID (26 Crockford Base32 characters, the first 10 encoding the time), as
 * `util.autoUlid()` returns.
 *
 * @example
 * ```ts
 * autoUlid(host); // '01JDQ6Y0X8K4W3T2V1S0R9Q8P7'
 * ```
 */
export function autoUlid(host: HostCapabilities): string {
  // One host call per ULID: 16 bytes, one per character. 256 is a multiple of 32, so mapping a
  // byte to a Base32 character through `byte / 256` is unbiased.
  const bytes = randomBytes(host, 16);
  let next = 0;
  const prng = (): number => (bytes[next++ % bytes.length] as number) / 256;
  return ulid(nowEpochMilliseconds(host), prng);
}

/** KSUID's epoch, 2014-05-13T16:53:20Z, in seconds (segmentio/ksuid). */
const KSUID_EPOCH_SECONDS = 1_400_000_000;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KSUID_LENGTH = 27;

/**
 * A KSUID: 4 bytes of seconds since the KSUID epoch and 16 random bytes, Base62-encoded to 27
 * characters (the segmentio/ksuid format `util.autoKsuid()` documents).
 *
 * @example
 * ```ts
 * autoKsuid(host); // '2pNwAXmSBbCdCp1aq0mbVYcuyX6'
 * ```
 */
export function autoKsuid(host: HostCapabilities): string {
  const seconds = Math.floor(nowEpochMilliseconds(host) / 1000) - KSUID_EPOCH_SECONDS;
  const timestamp = seconds >>> 0;
  const bytes = [
    (timestamp >>> 24) & 0xff,
    (timestamp >>> 16) & 0xff,
    (timestamp >>> 8) & 0xff,
    timestamp & 0xff,
    ...randomBytes(host, 16),
  ];
  return encodeBase62(bytes).padStart(KSUID_LENGTH, '0');
}

/**
 * Base62 (0-9, A-Z, a-z) of a big-endian unsigned integer, by repeated long division, so that
 * nothing depends on BigInt.
 *
 * @example
 * ```ts
 * encodeBase62([0xff, 0xff, 0xff, 0xff]); // '4gfFC3'
 * ```
 */
export function encodeBase62(bytes: readonly number[]): string {
  let digits = bytes.slice();
  let out = '';
  while (digits.length > 0) {
    const quotient: number[] = [];
    let remainder = 0;
    for (const digit of digits) {
      const accumulator = remainder * 256 + digit;
      const q = Math.floor(accumulator / 62);
      remainder = accumulator % 62;
      if (quotient.length > 0 || q > 0) quotient.push(q);
    }
    out = BASE62[remainder]! + out;
    digits = quotient;
  }
  return out === '' ? '0' : out;
}
