/**
 * How the subscription benchmarks tell events apart: each event's text (the comment's `body`,
 * and the floor's copy of the same frame) carries a fixed-width sequence number, so that every
 * event's frame has the same size and each arrival is matched to its mutation.
 */

const DIGITS = 6;

/**
 * Writes, finds and reads the sequence number inside an event's text.
 *
 * @example
 * eventMarker.read(`{"body":"${eventMarker.write(42)}"}`); // 42
 */
export const eventMarker = {
  /** Matches any marker, e.g. to replace the one in a frame. */
  pattern: new RegExp(`bench event (\\d{${DIGITS}})`),
  write: (seq: number): string => `bench event ${String(seq).padStart(DIGITS, '0')}`,
  read(text: string): number | null {
    const found = eventMarker.pattern.exec(text);
    return found === null ? null : Number(found[1]);
  },
};
