/**
 * What the numbers were measured on. Absolute figures drift with the machine and with whatever
 * else runs on it, so every report records both; ratios measured side by side are what compare.
 */
import os from 'node:os';

/** The machine a bench ran on. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly node: string;
  readonly platform: string;
  readonly totalMemoryMb: number;
}

/** CPU load when a bench started and ended, to judge contention from other processes. */
export interface Contention {
  /** 1-minute load average at the start and the end. */
  readonly loadAverageAtStart: number;
  readonly loadAverageAtEnd: number;
  /** Load per core above 0.5 at either end means other work shared the CPUs. */
  readonly contended: boolean;
  readonly note: string;
}

/** Describes this machine. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
  };
}

/** The 1-minute load average. */
export function loadAverage(): number {
  return Number((os.loadavg()[0] ?? 0).toFixed(2));
}

/** Judges contention from the load averages measured at both ends of a run. */
export function contention(loadAverageAtStart: number, loadAverageAtEnd: number, cores: number): Contention {
  const contended = Math.max(loadAverageAtStart, loadAverageAtEnd) / Math.max(1, cores) > 0.5;
  return {
    loadAverageAtStart,
    loadAverageAtEnd,
    contended,
    note: contended
      ? 'Other processes shared the CPUs during this run: absolute figures are low and noisy; the ratios, measured side by side, are what to compare.'
      : 'The machine was mostly idle during this run.',
  };
}
