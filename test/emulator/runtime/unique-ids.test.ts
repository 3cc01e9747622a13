import { decodeTime, isValid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { createAppSyncModules } from '../../../emulator/runtime/index.ts';
import { encodeBase62 } from '../../../emulator/runtime/unique-ids.ts';
import { GUIDE_EPOCH_MILLIS, makeModules, makeSession } from './helpers.ts';

// Formats: util.autoId is a random (v4) UUID, util.autoUlid a ULID (ulid/spec), util.autoKsuid a
// 27-character Base62 KSUID (segmentio/ksuid): the developer guide, "Built-in utilities".
const { util } = makeModules({ now: GUIDE_EPOCH_MILLIS });

/** Decodes a Base62 KSUID back to its 20 bytes, to check the timestamp it carries. */
function decodeKsuid(ksuid: string): number[] {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let value = 0n;
  for (const character of ksuid) value = value * 62n + BigInt(alphabet.indexOf(character));
  return Array.from({ length: 20 }, (_unused, index) => Number((value >> BigInt(8 * (19 - index))) & 0xffn));
}

describe('Runtime: util.autoId / autoUlid / autoKsuid', () => {
  it('returns a lowercase version 4 UUID with the RFC variant bits', () => {
    // Act
    const ids = Array.from({ length: 50 }, () => util.autoId());

    // Assess
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('returns a valid ULID whose time part is the host clock', () => {
    // Act
    const id = util.autoUlid();

    // Assess
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(isValid(id)).toBe(true);
    expect(decodeTime(id)).toBe(GUIDE_EPOCH_MILLIS);
    expect(util.autoUlid()).not.toBe(id);
  });

  it('returns a 27-character Base62 KSUID carrying seconds since the KSUID epoch', () => {
    // Act
    const id = util.autoKsuid();
    const bytes = decodeKsuid(id);

    // Assess
    expect(id).toMatch(/^[0-9A-Za-z]{27}$/);
    const seconds = ((bytes[0]! << 24) >>> 0) + (bytes[1]! << 16) + (bytes[2]! << 8) + bytes[3]!;
    expect(seconds).toBe(Math.floor(GUIDE_EPOCH_MILLIS / 1000) - 1_400_000_000);
    expect(util.autoKsuid()).not.toBe(id);
  });

  it('encodes Base62 by long division, matching BigInt arithmetic', () => {
    expect(encodeBase62([0])).toBe('0');
    expect(encodeBase62([0xff, 0xff, 0xff, 0xff])).toBe('4gfFC3'); // 2^32 - 1 = 4·62⁵ + 42·62⁴ + 41·62³ + 15·62² + 12·62 + 3
    const bytes = Array.from({ length: 20 }, (_unused, index) => (index * 37 + 11) % 256);
    const big = bytes.reduce((value, byte) => value * 256n + BigInt(byte), 0n);
    let expected = '';
    for (let value = big; value > 0n; value /= 62n) expected = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[Number(value % 62n)] + expected;
    expect(encodeBase62(bytes)).toBe(expected);
  });

  it('takes every random byte from the host', () => {
    // Prepare
    const requests: number[] = [];
    const modules = createAppSyncModules(
      {
        randomHex: (count) => {
          requests.push(count);
          return 'ab'.repeat(count);
        },
        nowEpochMilliseconds: () => GUIDE_EPOCH_MILLIS,
      },
      () => makeSession(),
    );
    const { util: hostUtil } = modules['@aws-appsync/utils'] as { util: { autoId(): string; autoUlid(): string } };

    // Act
    const id = hostUtil.autoId();
    const ulid = hostUtil.autoUlid();

    // Assess
    expect(id).toBe('abababab-abab-4bab-abab-abababababab');
    expect(ulid.slice(10)).toBe('NNNNNNNNNNNNNNNN'); // 0xab / 256 * 32 = 21.4 → 'N'
    expect(requests).toEqual([16, 16]);
  });
});
