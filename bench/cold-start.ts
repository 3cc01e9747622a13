/**
 * Cold start: the authorizer bundle the build writes, its size, and the time from spawning
 * `node` to the first decision (environment as the stack sets it, a Cognito-shaped access
 * token), minus the time to the first line of a bare `node -e`, medians over many processes
 * taken alternately.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createAuthorizerFixture, mintTokens, type AuthorizerFixture } from './authorizer-fixtures.ts';
import { BARE_SOURCE, DRIVER_SOURCE, parseColdMarks } from './cold-start-driver.ts';
import { figure, type Figure } from './figures.ts';
import { median } from './stats.ts';

/** Sizes of the cold-start run. */
export interface ColdStartOptions {
  /** Processes of each kind (bare and authorizer). */
  readonly processes: number;
}

/** Cold-start figures and the medians behind them. */
export interface ColdStartResult {
  readonly figures: Figure[];
  readonly bundleBytes: number;
  readonly gzipBytes: number;
  /** Medians in milliseconds. */
  readonly bareNodeMs: number;
  readonly firstDecisionMs: number;
  readonly overBareNodeMs: number;
  /** CPU time (all threads) the authorizer process used up to its first decision, over bare node's. */
  readonly cpuOverBareNodeMs: number;
  /** Spawn to the driver script's first line: bare node plus loading an ES module file. */
  readonly driverStartMs: number;
  /** Inside the authorizer process: script start to bundle loaded, bundle loaded to decision. */
  readonly loadBundleMs: number;
  readonly firstDecisionInProcessMs: number;
  readonly options: ColdStartOptions;
}

function spawnMarks(args: readonly string[]): { spawnedAt: bigint; marks: ReturnType<typeof parseColdMarks> } {
  const spawnedAt = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 30_000 });
  if (child.status !== 0) throw new Error(`cold-start process failed (${child.status}): ${child.stderr.slice(0, 500)}`);
  return { spawnedAt, marks: parseColdMarks(child.stdout) };
}

const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;

/**
 * Runs the cold-start benchmark on the bundle at `bundlePath` (see `deployed-authorizer.ts`).
 *
 * @example
 * const { figures } = await benchColdStart({ processes: 25 }, authorizerBundlePath(distDir));
 */
export async function benchColdStart(
  options: ColdStartOptions,
  bundlePath: string,
  fixture: AuthorizerFixture = createAuthorizerFixture(),
): Promise<ColdStartResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  const code = readFileSync(bundlePath);
  const bundleBytes = code.length;
  const gzipBytes = gzipSync(code, { level: 9 }).length;
  const driver = join(dir, 'driver.mjs');
  writeFileSync(driver, DRIVER_SOURCE);
  const accessToken = mintTokens(fixture, 2).find((minted) => minted.kind === 'access');
  if (accessToken === undefined) throw new Error('no access token minted');
  const driverArgs = [driver, pathToFileURL(bundlePath).href, JSON.stringify(fixture.env), accessToken.token];

  const bare: number[] = [];
  const bareCpu: number[] = [];
  const firstDecision: number[] = [];
  const firstDecisionCpu: number[] = [];
  const driverStart: number[] = [];
  const loadBundle: number[] = [];
  const decisionInProcess: number[] = [];
  for (let index = 0; index < options.processes; index += 1) {
    const baseline = spawnMarks(['-e', BARE_SOURCE]);
    bare.push(ms(baseline.spawnedAt, baseline.marks.started));
    bareCpu.push(baseline.marks.cpuMicros / 1000);
    const { spawnedAt, marks } = spawnMarks(driverArgs);
    if (marks.isAuthorized !== true || marks.loaded === undefined || marks.decided === undefined) {
      throw new Error('the bundled authorizer refused a valid token at cold start');
    }
    firstDecision.push(ms(spawnedAt, marks.decided));
    firstDecisionCpu.push(marks.cpuMicros / 1000);
    driverStart.push(ms(spawnedAt, marks.started));
    loadBundle.push(ms(marks.started, marks.loaded));
    decisionInProcess.push(ms(marks.loaded, marks.decided));
  }
  const bareNodeMs = median(bare);
  const firstDecisionMs = median(firstDecision);
  const overBareNodeMs = median(firstDecision.map((value, index) => value - (bare[index] as number)));
  const cpuOverBareNodeMs = median(firstDecisionCpu.map((value, index) => value - (bareCpu[index] as number)));
  const kb = (bytes: number) => bytes / 1024;
  const figures = [
    figure({ id: 'coldStart.bundleSize', label: 'Authorizer bundle, minified', value: kb(bundleBytes), unit: 'KiB', goal: { on: 'value', op: '<=', target: 40 } }),
    figure({ id: 'coldStart.bundleGzip', label: 'Authorizer bundle, gzip -9', value: kb(gzipBytes), unit: 'KiB' }),
    figure({
      id: 'coldStart.overBareNode',
      label: 'Cold start: spawn to first decision, over bare node',
      value: overBareNodeMs,
      unit: 'ms',
      goal: { on: 'value', op: '<=', target: 20 },
      note:
        `medians of ${options.processes} processes each: bare node -e ${bareNodeMs.toFixed(1)} ms to its first line; ` +
        `driver ${median(driverStart).toFixed(1)} ms to its first line, +${median(loadBundle).toFixed(1)} ms to load the bundle, ` +
        `+${median(decisionInProcess).toFixed(1)} ms to the first decision`,
    }),
    figure({
      id: 'coldStart.cpuOverBareNode',
      label: 'Cold start: CPU time to first decision, over bare node',
      value: cpuOverBareNodeMs,
      unit: 'ms CPU',
      note: `all threads, user + system (bare node -e: ${median(bareCpu).toFixed(1)} ms CPU); close to what the wall-clock figure is on an uncontended core`,
    }),
  ];
  return {
    figures,
    bundleBytes,
    gzipBytes,
    bareNodeMs,
    firstDecisionMs,
    overBareNodeMs,
    cpuOverBareNodeMs,
    driverStartMs: median(driverStart),
    loadBundleMs: median(loadBundle),
    firstDecisionInProcessMs: median(decisionInProcess),
    options,
  };
}
