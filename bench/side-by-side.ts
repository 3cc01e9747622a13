/**
 * Runs contenders side by side: every repetition runs each of them once, in an order rotated
 * from one repetition to the next, so that drift on a shared machine touches all of them alike.
 * Ratios are taken within a repetition, then the median over repetitions is kept. A full
 * garbage collection before every timed run keeps one contender's garbage out of the next one's
 * time.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { median, nowMs } from './stats.ts';

/** `gc()`, exposed for this process; a no-op where the flag cannot be set. */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
  return typeof gc === 'function' ? (gc as () => void) : () => undefined;
})();

/** Something to time: `run()` makes `operations` operations. */
export interface Contender {
  readonly id: string;
  readonly operations: number;
  /** Untimed set-up before every run (e.g. a fresh handler whose cache has seen nothing). */
  prepare?(): Promise<void> | void;
  run(): Promise<void> | void;
}

/** Operations per second of each contender, per repetition. */
export interface SideBySideResult {
  /** Operations per second of wall-clock time. */
  readonly rates: Readonly<Record<string, readonly number[]>>;
  /** Operations per second of this process's CPU time (all threads): steadier when other processes compete. */
  readonly cpuRates: Readonly<Record<string, readonly number[]>>;
}

/**
 * Runs one untimed warm-up round (JIT, key caches), then `repetitions` timed rounds.
 *
 * @example
 * const { rates } = await runSideBySide([floor, ours], 7);
 */
export async function runSideBySide(contenders: readonly Contender[], repetitions: number): Promise<SideBySideResult> {
  for (const contender of contenders) {
    await contender.prepare?.();
    await contender.run();
  }
  const rates: Record<string, number[]> = Object.fromEntries(contenders.map((c) => [c.id, []]));
  const cpuRates: Record<string, number[]> = Object.fromEntries(contenders.map((c) => [c.id, []]));
  for (let round = 0; round < repetitions; round += 1) {
    for (let index = 0; index < contenders.length; index += 1) {
      const contender = contenders[(index + round) % contenders.length] as Contender;
      await contender.prepare?.();
      collectGarbage();
      const start = nowMs();
      const cpuStart = process.cpuUsage();
      await contender.run();
      const cpu = process.cpuUsage(cpuStart);
      const elapsedSeconds = (nowMs() - start) / 1000;
      rates[contender.id]?.push(contender.operations / elapsedSeconds);
      cpuRates[contender.id]?.push(contender.operations / ((cpu.user + cpu.system) / 1e6));
    }
  }
  return { rates, cpuRates };
}

/**
 * The rates with `baselineId`'s time per operation in the same round taken off the contenders
 * in `ids`: for work those do per operation that is not what is measured (such as parsing the
 * Lambda event). Other contenders are kept as measured; the baseline itself is left out.
 */
export function withoutBaseline(result: SideBySideResult, baselineId: string, ids: readonly string[]): SideBySideResult {
  const net = (source: SideBySideResult['rates']) => {
    const baseline = source[baselineId] ?? [];
    return Object.fromEntries(
      Object.entries(source)
        .filter(([id]) => id !== baselineId)
        .map(([id, rates]) => [id, ids.includes(id) ? rates.map((rate, round) => 1 / (1 / rate - 1 / (baseline[round] ?? Number.NaN))) : rates]),
    );
  };
  return { rates: net(result.rates), cpuRates: net(result.cpuRates) };
}

/** Median rate of a contender. */
export function medianRate(result: SideBySideResult, id: string, clock: 'wall' | 'cpu' = 'wall'): number {
  return median((clock === 'wall' ? result.rates : result.cpuRates)[id] ?? []);
}

/** Median over repetitions of `id`'s rate divided by `referenceId`'s rate in the same repetition. */
export function medianRatio(result: SideBySideResult, id: string, referenceId: string, clock: 'wall' | 'cpu' = 'wall'): number {
  const source = clock === 'wall' ? result.rates : result.cpuRates;
  const rates = source[id] ?? [];
  const references = source[referenceId] ?? [];
  return median(rates.map((rate, round) => rate / (references[round] ?? Number.NaN)));
}
