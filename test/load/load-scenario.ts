/**
 * One load scenario end to end: a fresh data directory, the emulator as a child process on a
 * free loopback port, the personas signed in through its Cognito endpoint, the load (optionally
 * with a SIGTERM and a restart on the same data directory and port at half time), then every
 * acknowledged write read back. Returns the figures the tests assert and SECURITY.md publishes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmulatorProcess, type EmulatorProcess } from './emulator-process.ts';
import { LOAD_PERSONAS, runLoad, type LoadPersona, type LoadTokens } from './load-driver.ts';
import { readBack, type ReadBack } from './read-back.ts';

/** Options of {@link runLoadScenario}. */
export interface LoadScenarioOptions {
  readonly clients: number;
  readonly durationMs: number;
  /** Stop the emulator with SIGTERM at half time and start it again on the same data directory. */
  readonly restart: boolean;
}

/** The figures of one scenario. */
export interface LoadScenarioResult extends ReadBack {
  readonly clients: number;
  readonly durationMs: number;
  readonly restart: boolean;
  readonly requests: number;
  readonly answered: number;
  readonly requestsPerSecond: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly errors5xx: number;
  readonly connectionErrors: number;
  readonly graphqlErrors: number;
  readonly graphqlErrorTypes: Readonly<Record<string, number>>;
  readonly unknownWrites: { readonly openTicket: number; readonly addComment: number };
  /** Exit code of the emulator stopped with SIGTERM (0 = clean), or null without a restart. */
  readonly sigtermExitCode: number | null;
  /** Milliseconds from SIGTERM to the process exiting (it first finishes the requests in flight). */
  readonly shutdownMs: number | null;
  /** Milliseconds from SIGTERM to the restarted emulator being ready. */
  readonly restartMs: number | null;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly p99: number; readonly max: number };
}

const PERSONA_EMAILS: Readonly<Record<LoadPersona, string>> = {
  customer: 'customer@example.com',
  other: 'other@example.com',
  agent: 'agent@example.com',
  admin: 'admin@example.com',
};

async function signIn(baseUrl: string, email: string): Promise<{ idToken: string; accessToken: string }> {
  const response = await fetch(`${baseUrl}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'localdevclient', AuthParameters: { USERNAME: email, PASSWORD: 'Passw0rd!' } }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { IdToken: string; AccessToken: string } };
  if (body.AuthenticationResult === undefined) throw new Error(`sign-in of ${email} failed with ${response.status}`);
  return { idToken: body.AuthenticationResult.IdToken, accessToken: body.AuthenticationResult.AccessToken };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

/**
 * @example
 * const result = await runLoadScenario({ clients: 4, durationMs: 3_000, restart: true });
 * result.lost; // { openTicket: 0, addComment: 0 }
 */
export async function runLoadScenario(options: LoadScenarioOptions): Promise<LoadScenarioResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-load-'));
  const port = await freePort();
  let emulator: EmulatorProcess = await startEmulatorProcess({ port, dataDir });
  try {
    const tokens = Object.fromEntries(await Promise.all(LOAD_PERSONAS.map(async (persona) => [persona, await signIn(emulator.url, PERSONA_EMAILS[persona])] as const))) as LoadTokens;
    let sigtermExitCode: number | null = null;
    let restartMs: number | null = null;
    let shutdownMs: number | null = null;
    const started = performance.now();
    const tally = await runLoad({
      baseUrl: emulator.url,
      tokens,
      clients: options.clients,
      durationMs: options.durationMs,
      ...(options.restart
        ? {
            atHalfTime: async () => {
              const stopping = performance.now();
              sigtermExitCode = await emulator.stop();
              shutdownMs = Math.round(performance.now() - stopping);
              emulator = await startEmulatorProcess({ port, dataDir });
              restartMs = Math.round(performance.now() - stopping);
            },
          }
        : {}),
    });
    const elapsedMs = performance.now() - started;
    const readBackResult = await readBack(emulator.url, tokens.admin.idToken, tally);
    const sorted = [...tally.latenciesMs].sort((a, b) => a - b);
    const errors5xx = Object.entries(tally.byStatus).filter(([status]) => Number(status) >= 500).reduce((sum, [, count]) => sum + count, 0);
    return {
      clients: options.clients,
      durationMs: options.durationMs,
      restart: options.restart,
      requests: tally.requests,
      answered: tally.requests - tally.connectionErrors,
      requestsPerSecond: Math.round((tally.requests / elapsedMs) * 1000),
      byStatus: tally.byStatus,
      errors5xx,
      connectionErrors: tally.connectionErrors,
      graphqlErrors: tally.graphqlErrors,
      graphqlErrorTypes: tally.graphqlErrorTypes,
      unknownWrites: tally.unknownWrites,
      sigtermExitCode,
      shutdownMs,
      restartMs,
      latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: percentile(sorted, 100) },
      ...readBackResult,
    };
  } finally {
    await emulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
