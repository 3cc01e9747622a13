/**
 * `util.math` (developer guide: "Math helpers in util.math"). Randomness comes from the host,
 * because the sandbox realm has no `crypto`.
 */
import type { HostCapabilities } from './contract.ts';

/** An integer in [0, 2^48) from six host bytes. */
function random48(host: HostCapabilities): number {
  return parseInt(host.randomHex(6), 16);
}

const TWO_POW_48 = 2 ** 48;

/**
 * Builds `util.math` over the host's randomness.
 *
 * @example
 * ```ts
 * createUtilMath(host).roundNum(2.5); // 3 (half rounds up, as Java's Math.round does)
 * ```
 */
export function createUtilMath(host: HostCapabilities) {
  const number = (value: unknown, helper: string): number => {
    if (typeof value !== 'number' || Number.isNaN(value)) throw new Error(`util.math.${helper}: expected a number`);
    return value;
  };
  return {
    // JavaScript's Math.round rounds half toward +Infinity, exactly like Java's Math.round.
    roundNum: (input: number) => Math.round(number(input, 'roundNum')),
    minVal: (a: number, b: number) => Math.min(number(a, 'minVal'), number(b, 'minVal')),
    maxVal: (a: number, b: number) => Math.max(number(a, 'maxVal'), number(b, 'maxVal')),
    /** A double in [0, 1) with 48 random bits. */
    randomDouble: () => random48(host) / TWO_POW_48,
    /**
     * An integer in [start, end], both ends included (the guide only says "within the range").
     * Rejection sampling keeps every value equally likely.
     */
    randomWithinRange: (start: number, end: number) => {
      const low = Math.ceil(number(start, 'randomWithinRange'));
      const high = Math.floor(number(end, 'randomWithinRange'));
      if (high < low) throw new Error('util.math.randomWithinRange: the end must not be below the start');
      const span = high - low + 1;
      if (span > TWO_POW_48) throw new Error('util.math.randomWithinRange: the range is too large');
      const limit = TWO_POW_48 - (TWO_POW_48 % span);
      for (;;) {
        const candidate = random48(host);
        if (candidate < limit) return low + (candidate % span);
      }
    },
  };
}
