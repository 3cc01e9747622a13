/**
 * `startEmulator`: the whole API on this machine. One HTTP server with
 * - `POST /graphql`: AppSync's endpoint, authorized by the project's real Lambda authorizer
 *   bundle, executing `schema.graphql` with the built resolver bundles in the sandbox;
 * - `POST /` (`X-Amz-Target: AWSCognitoIdentityProviderService.*`) and
 *   `GET /<userPoolId>/.well-known/jwks.json`: the local Cognito user pool;
 * - `GET /` and `/console/*`: the console (`emulator/console/`);
 * and a DynamoDB table in dynalite (on disk under the data directory, in memory, or at
 * `DYNAMODB_ENDPOINT`).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AUTHORIZATION_TOKEN_PATTERN,
  DEFAULT_AUTHORIZER_RESULT_TTL_SECONDS,
  QUERY_DEPTH_LIMIT,
  RESOLVER_COUNT_LIMIT,
} from '../infra/api-limits.ts';
import { createAuthorizationCache } from './auth/authorization-cache.ts';
import { authorizeRequest, type AuthorizationServices } from './auth/authorize-request.ts';
import { createCognitoRouteHandler, createIdentityProvider, type IdentityProvider, type PreTokenGenerationHandler } from './cognito/index.ts';
import { createConsoleRoutes } from './console/index.ts';
import { attachJwksHost, type JwksFaults } from './faults/index.ts';
import { createSandboxRunner } from './resolvers/sandbox-runner.ts';
import { rebuildOnChange } from './dev/rebuild-on-change.ts';
import { openDynamoDb } from './dynamodb/dynamodb-endpoint.ts';
import { createDynamoDbDataSource } from './dynamodb/dynamodb-data-source.ts';
import { loadPaginationKey } from './dynamodb/pagination-key.ts';
import { createReadWriteLock } from './dynamodb/read-write-lock.ts';
import { ensureTable } from './dynamodb/table-setup.ts';
import type { ExecutionServices } from './graphql/execute-request.ts';
import { startServer, type Route } from './http/emulator-server.ts';
import { handleGraphql } from './http/graphql-route.ts';
import { formatRequestLog } from './log/request-log.ts';
import { loadApiParts, type ApiParts } from './api-parts.ts';
import type { HandlerRunner } from './resolvers/handler-runner.ts';

/** The project's root folder (where `schema.graphql` is). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Options of {@link startEmulator}. Every one has a default. */
export interface EmulatorOptions {
  /** TCP port; default 4000; 0 picks a free one. */
  readonly port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  readonly host?: string;
  /** Where the pool's keys and users and the table live; default `.data` (relative to the working directory). */
  readonly dataDir?: string;
  /** Keep everything in memory: nothing is written to the data directory. */
  readonly inMemory?: boolean;
  /** Use this DynamoDB-compatible endpoint instead of the embedded dynalite (`DYNAMODB_ENDPOINT`). */
  readonly dynamodbEndpoint?: string | null;
  /** The table's name; default `helpdesk`. */
  readonly tableName?: string;
  /** Default `us-east-1_localdev`. */
  readonly userPoolId?: string;
  /** Default `localdevclient`. */
  readonly clientId?: string;
  /** The stack's flag: V2_0 trigger, email in access tokens (`ACCESS_TOKEN_EMAIL`). Default false. */
  readonly accessTokenEmail?: boolean;
  /** The users file; default `emulator/seed-users.json`. */
  readonly seedFile?: string;
  /** ID and access token lifetime in seconds; default 3600 as Cognito's. */
  readonly tokenLifetimeSeconds?: number;
  /** `authorizerResultTtlInSeconds` and the authorizer's `AUTH_TTL_SECONDS`; default 300 as the stack's. */
  readonly authTtlSeconds?: number;
  /** Whether introspection is answered; default true as the stack's. */
  readonly introspection?: boolean;
  /** The build output (`resolvers/manifest.json`, `authorizer/index.mjs`); default `<project>/dist`. */
  readonly distDir?: string;
  /** Run the build before starting; default false (`npm start` builds first). */
  readonly build?: boolean;
  /** Rebuild and swap in resolvers, authorizer and schema when their sources change; default false. */
  readonly watch?: boolean;
  /** Largest request body accepted on `/graphql`, in bytes; default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** The clock of the authorizer cache and `util.time`, in epoch milliseconds; default `Date.now`. */
  readonly now?: () => number;
  /** Where request log lines and diagnostics go; default `console.log`. */
  readonly log?: (line: string) => void;
  /**
   * How the pool's JWKS host answers the authorizer's fetches (delay, error status, key
   * rotation; see `emulator/faults/`). Default: as Cognito, promptly and with the pool's keys.
   */
  readonly jwksFaults?: JwksFaults;
  /** Where the console's bundle is (built on first use when missing); default `dist/console/`. */
  readonly consoleDistDir?: string;
  /** Runs resolver handlers; default the sandbox. Tests may pass a stand-in. */
  readonly runHandler?: HandlerRunner;
}

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:4000`. */
  readonly url: string;
  /** `<url>/graphql`. */
  readonly graphqlUrl: string;
  /** `<url>/` (the console). */
  readonly consoleUrl: string;
  /** The Cognito endpoint (`<url>/`) for SDKs and Amplify's `userPoolEndpoint`. */
  readonly cognitoEndpoint: string;
  readonly jwksUrl: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly region: string;
  /** The emails of the seeded users. */
  readonly users: readonly string[];
  /** The local user pool (sign users in directly, read its JWKS). */
  readonly identityProvider: IdentityProvider;
  /** The switchboard of the JWKS host: flip faults or rotate keys while the emulator runs. */
  readonly jwksFaults: JwksFaults;
  /** How many times the authorizer has been invoked (cache misses). */
  authorizerInvocations(): number;
  /** Loads the build output again and swaps it in (what the watcher does after a rebuild). */
  reload(): Promise<void>;
  /** Stops accepting requests, finishes those in flight, flushes and closes the table. */
  close(): Promise<void>;
}

const ONE_MIB = 1024 * 1024;

/**
 * Starts the emulator.
 *
 * @example
 * const emulator = await startEmulator({ port: 0, inMemory: true });
 * const { idToken } = await emulator.identityProvider.signIn('agent@example.com', 'Passw0rd!');
 * await fetch(emulator.graphqlUrl, { method: 'POST', headers: { authorization: idToken }, body: JSON.stringify({ query: '{ me { username } }' }) });
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? Date.now;
  const distDir = resolve(options.distDir ?? join(PROJECT_ROOT, 'dist'));
  const tableName = options.tableName ?? 'helpdesk';
  const authTtlSeconds = options.authTtlSeconds ?? DEFAULT_AUTHORIZER_RESULT_TTL_SECONDS;
  const inMemory = options.inMemory === true;

  if (options.build === true) {
    const { build } = await import('../scripts/build.ts');
    await build({ outDir: distDir });
  }

  const dataDir = inMemory ? null : resolve(options.dataDir ?? '.data');
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // The authorizer reads its keys from a file; in memory that file lives in a temporary folder
  // that close() removes.
  const scratchDir = dataDir ?? mkdtempSync(join(tmpdir(), 'helpdesk-emulator-'));
  const cleanups: Array<() => Promise<void> | void> = [];
  if (dataDir === null) cleanups.push(() => rmSync(scratchDir, { recursive: true, force: true }));

  try {
    // Filled in once the pool's JWKS file exists (the authorizer needs it); read per token, so
    // a rebuilt trigger applies to the next sign-in.
    let parts: ApiParts | undefined;
    const loaded = (): ApiParts => {
      if (parts === undefined) throw new Error('The emulator is still starting.');
      return parts;
    };
    const preTokenGeneration = ((event: unknown, context: unknown, callback: unknown) => loaded().trigger(event, context, callback)) as PreTokenGenerationHandler;
    const basePool = await createIdentityProvider({
      ...(dataDir === null ? { inMemory: true as const } : { dataDir }),
      ...(options.userPoolId === undefined ? {} : { userPoolId: options.userPoolId }),
      ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
      ...(options.seedFile === undefined ? {} : { seedFile: options.seedFile }),
      ...(options.tokenLifetimeSeconds === undefined ? {} : { tokenLifetimeSeconds: options.tokenLifetimeSeconds }),
      accessTokenEmail: options.accessTokenEmail === true,
      preTokenGeneration,
      now,
    });
    // The emulator plays Cognito's JWKS host for its pool: when the authorizer meets an unknown
    // kid and fetches the JWKS from the issuer's URL, the answer comes from here, in process
    // (never from AWS), with whatever faults the switchboard says.
    const jwksHost = attachJwksHost(basePool, options.jwksFaults);
    cleanups.unshift(() => jwksHost.close());
    const pool = jwksHost.provider;
    const jwksFile = join(scratchDir, 'jwks.json');
    pool.writeJwksFile(jwksFile);

    const endpoint = options.dynamodbEndpoint ?? null;
    const dynamo = await openDynamoDb(endpoint !== null && endpoint !== ''
      ? { kind: 'endpoint', url: endpoint }
      : { kind: 'dynalite', path: dataDir === null ? null : join(dataDir, 'dynamodb') });
    cleanups.unshift(() => dynamo.close());
    await ensureTable(dynamo.client, tableName);
    const table = createDynamoDbDataSource({ client: dynamo.client, tableName, lock: createReadWriteLock(), paginationKey: loadPaginationKey(dataDir) });

    const loadParts = (): Promise<ApiParts> => loadApiParts({
      distDir,
      tableName,
      authorizerEnv: {
        USER_POOL_ID: pool.userPoolId,
        APP_CLIENT_ID: pool.clientId,
        AUTH_TTL_SECONDS: String(authTtlSeconds),
        JWKS_FILE: jwksFile,
      },
    });
    parts = await loadParts();

    let invocations = 0;
    const cache = createAuthorizationCache({ ttlSeconds: authTtlSeconds, now });
    const authorization: AuthorizationServices = {
      cache,
      handler: () => loaded().authorizer,
      validation: new RegExp(AUTHORIZATION_TOKEN_PATTERN),
      apiId: 'localapi',
      accountId: '000000000000',
      onInvoke: () => {
        invocations += 1;
      },
    };
    const runHandler = options.runHandler ?? createSandboxRunner({ authType: 'Lambda Authorization', now }, (line) => log(line));
    const settings = {
      queryDepthLimit: QUERY_DEPTH_LIMIT,
      resolverCountLimit: RESOLVER_COUNT_LIMIT,
      introspection: options.introspection ?? true,
    };
    const execution = (): ExecutionServices => {
      const { schema, bundles } = loaded();
      return { schema, bundles, runHandler, table, settings, log };
    };

    const cognitoRoute = createCognitoRouteHandler(pool);
    // The console's decision panel asks for the very answer POST /graphql would get (cached alike).
    const consoleRoutes = createConsoleRoutes({
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      seedUsers: pool.users,
      authorize: (token) => authorizeRequest(authorization, { authorization: token, queryString: '', operationName: null, variables: {}, requestHeaders: {} }),
      ...(options.consoleDistDir === undefined ? {} : { distDir: options.consoleDistDir }),
    });
    const routes: Route[] = [
      (req, res, url) => {
        if (url.pathname !== '/graphql') return false;
        if (req.method !== 'POST') return false;
        return handleGraphql(req, res, {
          authorization,
          execution,
          maxBodyBytes: options.maxBodyBytes ?? ONE_MIB,
          logRequest: (entry) => log(formatRequestLog(entry)),
        }).then(() => true);
      },
      (req, res) => cognitoRoute(req, res),
      (req, res) => consoleRoutes(req, res),
    ];
    const host = options.host ?? '127.0.0.1';
    const server = await startServer(routes, { host, port: options.port ?? 4000 }, (error) => log(`internal error: ${String(error)}`));
    cleanups.unshift(() => server.close());
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${server.port}`;

    const reload = async (): Promise<void> => {
      parts = await loadParts();
      // A rebuilt authorizer may decide differently: answers of the old one are dropped.
      cache.clear();
    };

    if (options.watch === true) {
      const watch = rebuildOnChange({ projectRoot: PROJECT_ROOT, distDir, reload, log });
      cleanups.unshift(() => watch.close());
    }

    let closing: Promise<void> | undefined;
    return {
      url,
      graphqlUrl: `${url}/graphql`,
      consoleUrl: `${url}/`,
      cognitoEndpoint: `${url}/`,
      jwksUrl: `${url}${pool.jwksPath}`,
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      region: pool.region,
      users: pool.users.map((user) => user.email),
      identityProvider: pool,
      jwksFaults: jwksHost.faults,
      authorizerInvocations: () => invocations,
      reload,
      close() {
        closing ??= runCleanups(cleanups);
        return closing;
      },
    };
  } catch (error) {
    await runCleanups(cleanups);
    throw error;
  }
}

async function runCleanups(cleanups: ReadonlyArray<() => Promise<void> | void>): Promise<void> {
  for (const cleanup of cleanups) await cleanup();
}
