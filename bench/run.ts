/**
 * `npm run bench`: every benchmark, one markdown table on stdout, and the full record in
 * `bench/results/latest.json`. Progress goes to stderr so that stdout is only the table.
 *
 * Sizes keep the whole run within a few minutes on a 2-core machine; `runBench` takes smaller
 * ones for the smoke test.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAuthorizerFixture } from './authorizer-fixtures.ts';
import { benchAuthorizerBreakdown } from './authorizer-breakdown.ts';
import { benchAuthorizerThroughput, DEPLOYED_POOL_TOKENS, type ThroughputOptions } from './authorizer-throughput.ts';
import { benchColdStart, type ColdStartOptions } from './cold-start.ts';
import { authorizerBundlePath, buildIntoTemporaryFolder } from './deployed-authorizer.ts';
import { benchEmulatorOverhead, type EmulatorOverheadOptions } from './emulator-overhead.ts';
import { notMeasured, type Figure } from './figures.ts';
import { contention, loadAverage, machineInfo } from './machine.ts';
import { countGoals, markdownTable, writeReport, type BenchReport } from './report.ts';
import { nowMs } from './stats.ts';
import { benchSubscriptions, DEFAULT_SUBSCRIPTION_BENCH_OPTIONS, type SubscriptionBenchOptions } from './subscriptions.ts';

/** Sizes of every part; `emulator: null` skips the emulator (reported as not measured). */
export interface BenchOptions {
  /**
   * A build to measure (e.g. the test suite's `dist/`); by default the project is built into a
   * temporary folder first, so that what is measured is what `npm run build` makes of the sources now.
   */
  readonly distDir?: string;
  readonly throughput: ThroughputOptions;
  readonly breakdown: { readonly tokens: number; readonly passes: number; readonly rounds: number };
  readonly coldStart: ColdStartOptions;
  readonly emulator: EmulatorOverheadOptions | null;
  /** Subscription latency and memory; absent or `null` skips them (no rows). */
  readonly subscriptions?: SubscriptionBenchOptions | null;
  /** Where the JSON goes; `null` writes nothing. */
  readonly resultsPath: string | null;
  /** Progress lines. */
  readonly progress?: (line: string) => void;
}

/** What `npm run bench` runs. */
export const DEFAULT_BENCH_OPTIONS: BenchOptions = {
  throughput: { tokens: DEPLOYED_POOL_TOKENS, repetitions: 7, repeatedTokens: 200, repeatedPasses: 60 },
  breakdown: { tokens: 200, passes: 5, rounds: 7 },
  coldStart: { processes: 25 },
  emulator: { concurrencies: [1, 16], rounds: 4, sliceMs: 1500, warmupMs: 300 },
  subscriptions: DEFAULT_SUBSCRIPTION_BENCH_OPTIONS,
  resultsPath: fileURLToPath(new URL('results/latest.json', import.meta.url)),
};

/** The emulator rows when the emulator part does not run. */
function emulatorNotMeasured(reason: string): Figure[] {
  return ['me', 'myTickets', 'openTicket'].flatMap((operation) =>
    [1, 16].map((concurrency) =>
      notMeasured(`emulator.${operation}.c${concurrency}`, `Emulator ${operation}, concurrency ${concurrency}: p50`, 'ms', reason, {
        on: 'ratio',
        op: '<=',
        target: 2,
      }),
    ),
  );
}

/**
 * Runs every benchmark and returns the report (also written to `resultsPath`).
 *
 * @example
 * const report = await runBench(DEFAULT_BENCH_OPTIONS);
 */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const progress = options.progress ?? (() => undefined);
  const started = nowMs();
  const machine = machineInfo();
  const loadAtStart = loadAverage();

  let distDir = options.distDir;
  if (distDir === undefined) {
    progress('building into a temporary folder (dist/ is left alone)…');
    distDir = await buildIntoTemporaryFolder();
  }
  const bundle = authorizerBundlePath(distDir);
  // One pool (two RSA key pairs) serves every authorizer benchmark.
  const fixture = createAuthorizerFixture();
  progress(`authorizer throughput (minting ${options.throughput.tokens} tokens, then side-by-side rounds of the built bundle)…`);
  const throughput = await benchAuthorizerThroughput(options.throughput, bundle, fixture);
  progress('authorizer breakdown…');
  const breakdown = await benchAuthorizerBreakdown(options.breakdown, fixture);
  progress('cold start (fresh processes importing the built bundle)…');
  const coldStart = await benchColdStart(options.coldStart, bundle, fixture);
  let emulatorFigures: Figure[];
  let emulatorDetails: unknown;
  if (options.emulator === null) {
    emulatorFigures = emulatorNotMeasured('skipped in this run');
    emulatorDetails = null;
  } else {
    progress('emulator overhead (build, dynalite, emulator and floor)…');
    try {
      const emulator = await benchEmulatorOverhead({ distDir, ...options.emulator });
      emulatorFigures = emulator.figures;
      emulatorDetails = emulator;
    } catch (error) {
      // A broken emulator must not hide the other figures; the table says why this one is missing.
      const reason = `emulator failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
      progress(reason);
      emulatorFigures = emulatorNotMeasured(reason);
      emulatorDetails = { error: reason };
    }
  }

  const subscriptions = options.subscriptions == null ? null : await benchSubscriptions(options.subscriptions, progress);

  const figures = [...throughput.figures, ...coldStart.figures, ...emulatorFigures, ...(subscriptions?.figures ?? [])];
  const { figures: _throughputFigures, ...throughputDetails } = throughput;
  const { figures: _coldStartFigures, ...coldStartDetails } = coldStart;
  const report: BenchReport = {
    date: new Date().toISOString(),
    durationSeconds: Math.round((nowMs() - started) / 100) / 10,
    machine,
    contention: contention(loadAtStart, loadAverage(), machine.cores),
    figures,
    goals: countGoals(figures),
    details: {
      authorizerThroughput: throughputDetails,
      authorizerBreakdownCpuMicrosPerCall: breakdown,
      coldStart: coldStartDetails,
      emulatorOverhead: emulatorDetails === null ? null : stripFigures(emulatorDetails),
      subscriptions: subscriptions?.details ?? null,
    },
  };
  if (options.resultsPath !== null) writeReport(options.resultsPath, report);
  if (options.distDir === undefined) rmSync(distDir, { recursive: true, force: true });
  return report;
}

function stripFigures(details: unknown): unknown {
  if (typeof details !== 'object' || details === null || !('figures' in details)) return details;
  const { figures: _figures, ...rest } = details as Record<string, unknown>;
  return rest;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = await runBench({ ...DEFAULT_BENCH_OPTIONS, progress: (line) => process.stderr.write(`bench: ${line}\n`) });
  process.stdout.write(`${markdownTable(report.figures)}\n`);
  process.stderr.write(
    `bench: ${report.goals.met} goals met, ${report.goals.missed} missed, ${report.goals.notEvaluated} not evaluated; ` +
      `${report.durationSeconds} s; load average ${report.contention.loadAverageAtStart} → ${report.contention.loadAverageAtEnd} on ${report.machine.cores} cores; ` +
      `written to ${DEFAULT_BENCH_OPTIONS.resultsPath}\n`,
  );
}
