/**
 * Emulator overhead: latency (p50, p99) and throughput of `me`, `myTickets` (10 items) and
 * `openTicket` through the emulator, against the `graphql` floor on the same dynalite, at each
 * concurrency. The two targets alternate in short slices so that a busy machine slows both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDynamoDb } from '../emulator/dynamodb/dynamodb-endpoint.ts';
import { ensureTable } from '../emulator/dynamodb/table-setup.ts';
import { startEmulator } from '../emulator/index.ts';
import { build } from '../scripts/build.ts';
import { figure, type Figure } from './figures.ts';
import { startGraphqlFloor, type FloorCaller } from './graphql-floor.ts';
import { post, runLoad, type LoadRequest } from './http-load.ts';
import { percentile } from './stats.ts';

/** Sizes of the emulator run. */
export interface EmulatorOverheadOptions {
  readonly concurrencies: readonly number[];
  /** Alternating slices per target and configuration. */
  readonly rounds: number;
  /** Length of one slice. */
  readonly sliceMs: number;
  /** Untimed load per target before each configuration. */
  readonly warmupMs: number;
  /** An existing build to run (e.g. the test suite's `dist/`); default: build into a temporary folder. */
  readonly distDir?: string;
}

/** Latency and throughput of one target in one configuration. */
export interface LoadFigures {
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requestsPerSecond: number;
}

/** Emulator figures and the measurements behind them. */
export interface EmulatorOverheadResult {
  readonly figures: Figure[];
  /** Keyed `<operation>@<concurrency>`. */
  readonly measurements: Readonly<Record<string, { readonly emulator: LoadFigures; readonly floor: LoadFigures }>>;
  readonly options: EmulatorOverheadOptions;
}

const USER = { username: 'customer@example.com', password: 'Passw0rd!' };
const TABLE = 'helpdesk';
const SEEDED_TICKETS = 12;

interface Operation {
  readonly name: string;
  readonly body: () => string;
  /** Checks `data` of a successful answer. */
  readonly checkData: (data: Record<string, unknown>) => boolean;
}

const OPERATIONS: readonly Operation[] = [
  {
    name: 'me',
    body: () => JSON.stringify({ query: 'query Me { me { sub username email emailVerified groups tokenUse } }' }),
    checkData: (data) => typeof (data.me as { sub?: unknown } | null)?.sub === 'string',
  },
  {
    name: 'myTickets',
    body: () =>
      JSON.stringify({ query: 'query Mine { myTickets(limit: 10) { items { id title body status reporter assignee createdAt updatedAt } nextToken } }' }),
    checkData: (data) => (data.myTickets as { items?: unknown[] } | null)?.items?.length === 10,
  },
  {
    name: 'openTicket',
    body: () =>
      JSON.stringify({
        query: 'mutation Open($input: OpenTicketInput!) { openTicket(input: $input) { id title body status reporter createdAt updatedAt } }',
        variables: { input: { title: 'Printer on fire', body: 'Opened by npm run bench.' } },
      }),
    checkData: (data) => typeof (data.openTicket as { id?: unknown } | null)?.id === 'string',
  },
];

function loadRequest(url: string, headers: Record<string, string>, operation: Operation, target: string): LoadRequest {
  return {
    url,
    headers,
    body: operation.body,
    check(status, body) {
      const answer = JSON.parse(body) as { data?: Record<string, unknown> | null; errors?: unknown[] };
      if (status !== 200 || (answer.errors?.length ?? 0) > 0 || answer.data == null || !operation.checkData(answer.data)) {
        throw new Error(`${target} answered ${operation.name} with ${status}: ${body.slice(0, 300)}`);
      }
    },
  };
}

/** Signs in through the emulator's Cognito-compatible endpoint, as an SDK would. */
async function signIn(cognitoEndpoint: string, clientId: string): Promise<string> {
  const agent = new http.Agent();
  try {
    const answer = await post(
      new URL(cognitoEndpoint),
      agent,
      { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
      JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: USER.username, PASSWORD: USER.password } }),
    );
    const token = (JSON.parse(answer.body) as { AuthenticationResult?: { IdToken?: string } }).AuthenticationResult?.IdToken;
    if (answer.status !== 200 || token === undefined) throw new Error(`sign-in failed (${answer.status}): ${answer.body.slice(0, 300)}`);
    return token;
  } finally {
    agent.destroy();
  }
}

/** The caller the floor stands in for, read from the ID token's claims. */
function callerOf(idToken: string): FloorCaller {
  const claims = JSON.parse(Buffer.from(idToken.split('.')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
  return {
    sub: String(claims.sub),
    username: String(claims['cognito:username']),
    email: String(claims.email),
    groups: Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as string[]) : [],
  };
}

function summarize(latenciesMs: readonly number[], elapsedMs: number): LoadFigures {
  return {
    requests: latenciesMs.length,
    p50Ms: percentile(latenciesMs, 50),
    p99Ms: percentile(latenciesMs, 99),
    requestsPerSecond: latenciesMs.length / (elapsedMs / 1000),
  };
}

/**
 * Runs the emulator benchmark: builds into a temporary folder unless given a build (the shared
 * `dist/` is left alone), starts dynalite, the emulator on it, and the floor on the same table.
 *
 * @example
 * const { figures } = await benchEmulatorOverhead({ concurrencies: [1, 16], rounds: 3, sliceMs: 1000, warmupMs: 300 });
 */
export async function benchEmulatorOverhead(options: EmulatorOverheadOptions): Promise<EmulatorOverheadResult> {
  const cleanups: Array<() => Promise<void> | void> = [];
  try {
    let distDir = options.distDir;
    if (distDir === undefined) {
      const outDir = mkdtempSync(join(tmpdir(), 'bench-dist-'));
      cleanups.push(() => rmSync(outDir, { recursive: true, force: true }));
      await build({ outDir, generate: false });
      distDir = outDir;
    }
    const dynamo = await openDynamoDb({ kind: 'dynalite', path: null });
    cleanups.unshift(() => dynamo.close());
    await ensureTable(dynamo.client, TABLE);
    const emulator = await startEmulator({ port: 0, inMemory: true, dynamodbEndpoint: dynamo.url, tableName: TABLE, distDir, log: () => undefined });
    cleanups.unshift(() => emulator.close());
    const idToken = await signIn(emulator.cognitoEndpoint, emulator.clientId);
    const floor = await startGraphqlFloor(dynamo.client, TABLE, callerOf(idToken));
    cleanups.unshift(() => floor.close());

    const targets = {
      emulator: { url: emulator.graphqlUrl, headers: { authorization: idToken } },
      floor: { url: floor.graphqlUrl, headers: {} },
    };
    // myTickets must find ten tickets from its first request: open a few through the emulator.
    const open = loadRequest(targets.emulator.url, targets.emulator.headers, OPERATIONS[2] as Operation, 'the emulator');
    const agent = new http.Agent({ keepAlive: true });
    for (let index = 0; index < SEEDED_TICKETS; index += 1) {
      const answer = await post(new URL(open.url), agent, open.headers, open.body());
      open.check(answer.status, answer.body);
    }
    agent.destroy();

    const measurements: Record<string, { emulator: LoadFigures; floor: LoadFigures }> = {};
    const figures: Figure[] = [];
    for (const operation of OPERATIONS) {
      for (const concurrency of options.concurrencies) {
        const requests = {
          emulator: loadRequest(targets.emulator.url, targets.emulator.headers, operation, 'the emulator'),
          floor: loadRequest(targets.floor.url, targets.floor.headers, operation, 'the floor'),
        };
        const latencies = { emulator: [] as number[], floor: [] as number[] };
        const elapsed = { emulator: 0, floor: 0 };
        for (const name of ['emulator', 'floor'] as const) await runLoad(requests[name], { concurrency, durationMs: options.warmupMs });
        for (let round = 0; round < options.rounds; round += 1) {
          const order = round % 2 === 0 ? (['emulator', 'floor'] as const) : (['floor', 'emulator'] as const);
          for (const name of order) {
            const slice = await runLoad(requests[name], { concurrency, durationMs: options.sliceMs });
            latencies[name].push(...slice.latenciesMs);
            elapsed[name] += slice.elapsedMs;
          }
        }
        const result = { emulator: summarize(latencies.emulator, elapsed.emulator), floor: summarize(latencies.floor, elapsed.floor) };
        measurements[`${operation.name}@${concurrency}`] = result;
        figures.push(
          figure({
            id: `emulator.${operation.name}.c${concurrency}`,
            label: `Emulator ${operation.name}, concurrency ${concurrency}: p50`,
            value: result.emulator.p50Ms,
            unit: 'ms',
            reference: { label: 'graphql floor p50', value: result.floor.p50Ms },
            goal: { on: 'ratio', op: '<=', target: 2 },
            note:
              `p99 ${result.emulator.p99Ms.toFixed(2)} ms (floor ${result.floor.p99Ms.toFixed(2)}); ` +
              `${Math.round(result.emulator.requestsPerSecond)} req/s (floor ${Math.round(result.floor.requestsPerSecond)}); ` +
              `floor p50 ${result.floor.p50Ms.toFixed(2)} ms`,
          }),
        );
      }
    }
    return { figures, measurements, options };
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}
