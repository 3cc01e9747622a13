/**
 * The bench's code paths with tiny sizes: every figure is produced, positive, compared and
 * judged, and the report is written. No timing is asserted: this is not a benchmark.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { markdownTable, type BenchReport } from '../../bench/report.ts';
import { runBench } from '../../bench/run.ts';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));

describe('Bench: smoke run', () => {
  it('produces every figure with its ratio and goal, and writes the report', async () => {
    // Prepare
    const resultsPath = join(mkdtempSync(join(tmpdir(), 'bench-smoke-')), 'latest.json');

    // Act
    const report = await runBench({
      // The suite's global setup has built dist/.
      distDir: DIST,
      throughput: { tokens: 12, repetitions: 2, repeatedTokens: 4, repeatedPasses: 2 },
      breakdown: { tokens: 4, passes: 1, rounds: 1 },
      coldStart: { processes: 1 },
      emulator: { concurrencies: [1, 16], rounds: 1, sliceMs: 40, warmupMs: 0 },
      resultsPath,
    });

    // Assess
    const ids = report.figures.map((figure) => figure.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'authorizer.deployed.vsFloor',
        'authorizer.deployed.vsJose',
        'authorizer.repeated.vsFloor',
        'diagnostic.deployedCacheOff',
        'reference.floor',
        'reference.jose',
        'reference.jsonwebtoken',
        'coldStart.bundleSize',
        'coldStart.overBareNode',
        'emulator.me.c1',
        'emulator.myTickets.c16',
        'emulator.openTicket.c16',
      ]),
    );
    for (const figure of report.figures) {
      expect(figure.value, figure.id).not.toBeNull();
      if (figure.unit !== 'ms') expect(figure.value, figure.id).toBeGreaterThan(0);
      if (figure.ratioTo !== null) expect(Number.isFinite(figure.ratio), figure.id).toBe(true);
      if (figure.goal !== null) expect(typeof figure.goal.met, figure.id).toBe('boolean');
    }
    expect(report.goals.notEvaluated).toBe(0);
    expect(report.goals.met + report.goals.missed).toBe(report.figures.filter((figure) => figure.goal !== null).length);
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    const written = JSON.parse(readFileSync(resultsPath, 'utf8')) as BenchReport;
    expect(written.figures).toHaveLength(report.figures.length);
    expect(markdownTable(report.figures).split('\n')).toHaveLength(report.figures.length + 2);
  }, 60_000);
});
