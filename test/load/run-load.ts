/**
 * `npm run test:load`: the long load runs — 16 clients for 30 s of mixed reads and writes, once
 * steady and once with the emulator stopped with SIGTERM at half time and restarted on the same
 * data directory — each followed by reading every acknowledged write back. Prints the figures,
 * writes them as JSON with `--out <file>`, and exits 1 if a write was lost, a 5xx was answered,
 * or the table holds writes nobody can account for.
 *
 * Options: `--clients <n>` (16), `--seconds <n>` (30), `--out <file>`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { runLoadScenario, type LoadScenarioResult } from './load-scenario.ts';

/** The file `npm run security-report` writes and SECURITY.md is rendered from. */
export interface LoadResults {
  readonly generatedAt: string;
  readonly node: string;
  readonly steady: LoadScenarioResult;
  readonly restart: LoadScenarioResult;
}

/** What makes a run fail; empty when it passed. */
export function loadFailures(name: string, result: LoadScenarioResult): string[] {
  const failures: string[] = [];
  if (result.lost.openTicket + result.lost.addComment > 0) failures.push(`${name}: lost writes ${JSON.stringify(result.lost)} (e.g. ${JSON.stringify(result.missing)})`);
  if (result.errors5xx > 0) failures.push(`${name}: ${result.errors5xx} answers with a 5xx`);
  if (result.graphqlErrors > 0) failures.push(`${name}: ${result.graphqlErrors} answers with GraphQL errors ${JSON.stringify(result.graphqlErrorTypes)}`);
  if (result.unacknowledgedInTable.openTicket > result.unknownWrites.openTicket || result.unacknowledgedInTable.addComment > result.unknownWrites.addComment) {
    failures.push(`${name}: the table holds writes no acknowledgment or cut-off request accounts for (${JSON.stringify(result.unacknowledgedInTable)})`);
  }
  if (!result.restart && result.connectionErrors > 0) failures.push(`${name}: ${result.connectionErrors} connection errors without a restart`);
  if (result.restart && result.sigtermExitCode !== 0) failures.push(`${name}: the emulator exited with ${result.sigtermExitCode} on SIGTERM`);
  return failures;
}

/** Runs both scenarios. */
export async function runLoadRuns(clients: number, seconds: number): Promise<LoadResults> {
  const steady = await runLoadScenario({ clients, durationMs: seconds * 1000, restart: false });
  const restart = await runLoadScenario({ clients, durationMs: seconds * 1000, restart: true });
  return { generatedAt: new Date().toISOString(), node: process.version, steady, restart };
}

function summary(name: string, result: LoadScenarioResult): string {
  return [
    `${name}: ${result.clients} clients × ${result.durationMs / 1000} s${result.restart ? `, SIGTERM at half time (exit ${result.sigtermExitCode} after ${result.shutdownMs} ms), answering again ${result.restartMs} ms after SIGTERM` : ''}`,
    `  requests ${result.requests} (${result.requestsPerSecond}/s), answered ${result.answered}, by status ${JSON.stringify(result.byStatus)}, 5xx ${result.errors5xx}, connection errors ${result.connectionErrors}`,
    `  acknowledged openTicket ${result.acknowledged.openTicket} / addComment ${result.acknowledged.addComment}; found ${result.found.openTicket} / ${result.found.addComment}; lost ${result.lost.openTicket} / ${result.lost.addComment}`,
    `  latency ms p50 ${result.latencyMs.p50}, p95 ${result.latencyMs.p95}, p99 ${result.latencyMs.p99}, max ${result.latencyMs.max}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { clients: { type: 'string' }, seconds: { type: 'string' }, out: { type: 'string' } } });
  const clients = Number(values.clients ?? 16);
  const seconds = Number(values.seconds ?? 30);
  const results = await runLoadRuns(clients, seconds);
  console.log(summary('steady', results.steady));
  console.log(summary('restart', results.restart));
  if (values.out !== undefined) {
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`Figures written to ${values.out}`);
  }
  const failures = [...loadFailures('steady', results.steady), ...loadFailures('restart', results.restart)];
  if (failures.length > 0) {
    console.error(`Load run failed:\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
