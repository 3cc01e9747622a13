/**
 * `startEmulator`: the whole API on this machine, composed from parts (see `README.md` here):
 * - the GraphQL endpoint (`graphql/`): `POST /graphql`, authorized by the project's real Lambda
 *   authorizer bundle, executing `schema.graphql` with the built resolver bundles in the sandbox;
 * - the local Cognito user pool (`cognito-part.ts`): `POST /` and the pool's JWKS;
 * - the console (`console/`): `GET /` and `/console/*`;
 * - the real-time endpoint (`realtime/`): `GET /graphql/realtime`, AppSync's WebSocket protocol
 *   for subscriptions, published to by every mutation the GraphQL endpoint resolves;
 * over a DynamoDB table in dynalite (on disk under the data directory, in memory, or at
 * `DYNAMODB_ENDPOINT`). This is the only place that composes parts: each is given what it
 * needs from the ones before it, and the router (`http/`) serves them all on one port.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  AUTHORIZATION_TOKEN_PATTERN,
  DEFAULT_AUTHORIZER_RESULT_TTL_SECONDS,
  QUERY_DEPTH_LIMIT,
  RESOLVER_COUNT_LIMIT,
} from '../infra/api-limits.ts';
import { PROJECT_ROOT } from '../scripts/project-root.ts';
import { createApiPartsHolder } from './api-parts.ts';
import { createAuthorizationCache } from './auth/authorization-cache.ts';
import { authorizeRequest, type AuthorizationServices } from './auth/authorize-request.ts';
import { DEFAULT_SEED_FILE, OAUTH_TOKEN_PATH, readSeedFile, type IdentityProvider } from './cognito/index.ts';
import { createCognitoPart } from './cognito-part.ts';
import { createConsolePart } from './console/index.ts';
import { rebuildOnChange, type RebuildOnChange } from './dev/rebuild-on-change.ts';
import { openDynamoDb, type DynamoDbEndpoint } from './dynamodb/dynamodb-endpoint.ts';
import { createDynamoDbDataSource } from './dynamodb/dynamodb-data-source.ts';
import { loadPaginationKey } from './dynamodb/pagination-key.ts';
import { createReadWriteLock } from './dynamodb/read-write-lock.ts';
import { ensureTable } from './dynamodb/table-setup.ts';
import type { JwksFaults } from './faults/index.ts';
import { createGraphqlPart, GRAPHQL_PATH } from './graphql/graphql-route.ts';
import type { EmulatorPart } from './http/emulator-part.ts';
import { startServer, type EmulatorServer } from './http/emulator-server.ts';
import { createRouter } from './http/router.ts';
import { formatRequestLog } from './log/request-log.ts';
import { seedTicketsOnce } from './seed/index.ts';
import type { HandlerRunner } from './resolvers/handler-runner.ts';
import { createSandboxRunner } from './resolvers/sandbox-runner.ts';
import { acceptedHosts, createRealtimePart, createSubscribe, REALTIME_PATH, type RealtimePart } from './realtime/index.ts';
import type { ExecutionServices } from './graphql/execute-request.ts';
import { createSamePortServer, loadOrCreateLocalhostCertificate, type LocalhostCertificate } from './tls/index.ts';

/** The project's root folder; owned by `scripts/project-root.ts`, re-exported for older importers. */
export { PROJECT_ROOT };

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
  /**
   * Write the example tickets of `seedTicketsFile` through the API once the emulator listens,
   * on the first start of a data directory (every start in memory); default false, so that a
   * test starts on an empty table. `npm start` turns it on.
   */
  readonly seedTickets?: boolean;
  /** The example tickets file; default `emulator/seed-tickets.json`. */
  readonly seedTicketsFile?: string;
}

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:4000`. */
  readonly url: string;
  /** `<url>/graphql`. */
  readonly graphqlUrl: string;
  /**
   * The real-time endpoint over TLS, as Amplify derives it from `graphqlUrl`:
   * `wss://<host>:<port>/graphql/realtime` (`ws://` works too, on the same port).
   */
  readonly realtimeUrl: string;
  /** `<url>/` (the console). */
  readonly consoleUrl: string;
  /** The Cognito endpoint (`<url>/`) for SDKs and Amplify's `userPoolEndpoint`. */
  readonly cognitoEndpoint: string;
  /** Cognito's token endpoint for machine callers: `<url>/oauth2/token`. */
  readonly tokenEndpoint: string;
  /**
   * The localhost certificate the port also speaks TLS with (`https://`, `wss://`): trust it
   * (`certPath`, or `cert` as a CA) to connect over TLS. `certPath` is `null` in memory.
   */
  readonly certificate: Pick<LocalhostCertificate, 'cert' | 'certPath' | 'fingerprint256' | 'notAfter' | 'created'>;
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
  const logError = (error: unknown): void => log(`internal error: ${String(error)}`);
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

  // Closed in this order: the watcher, then the server (stop accepting, drain, the parts'
  // close(), connections), then the table; each is null until it exists.
  const parts: EmulatorPart[] = [];
  let watch: RebuildOnChange | null = null;
  let server: EmulatorServer | null = null;
  let dynamo: DynamoDbEndpoint | null = null;
  const shutdown = async (): Promise<void> => {
    await watch?.close();
    if (server !== null) await server.close();
    else for (const part of [...parts].reverse()) await part.close?.();
    await dynamo?.close();
    if (dataDir === null) rmSync(scratchDir, { recursive: true, force: true });
  };

  try {
    // Swapped whole on reload; the pool's trigger and the authorizer are read from it per use.
    const api = createApiPartsHolder();
    const cognito = await createCognitoPart({
      ...(dataDir === null ? { inMemory: true as const } : { dataDir }),
      ...(options.userPoolId === undefined ? {} : { userPoolId: options.userPoolId }),
      ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
      ...(options.seedFile === undefined ? {} : { seedFile: options.seedFile }),
      ...(options.tokenLifetimeSeconds === undefined ? {} : { tokenLifetimeSeconds: options.tokenLifetimeSeconds }),
      ...(options.jwksFaults === undefined ? {} : { jwksFaults: options.jwksFaults }),
      accessTokenEmail: options.accessTokenEmail === true,
      preTokenGeneration: api.trigger,
      now,
    });
    parts.push(cognito);
    const pool = cognito.identityProvider;
    const jwksFile = join(scratchDir, 'jwks.json');
    pool.writeJwksFile(jwksFile);
    // The authorizer accepts users' tokens of the clients that sign users in, and machines'
    // access tokens of the client-credentials clients; a client is one or the other.
    const machineClientIds = pool.appClients.filter((client) => client.allowedOAuthFlows.includes('client_credentials')).map((client) => client.clientId);
    const userClientIds = pool.appClients.map((client) => client.clientId).filter((clientId) => !machineClientIds.includes(clientId));

    const endpoint = options.dynamodbEndpoint ?? null;
    dynamo = await openDynamoDb(endpoint !== null && endpoint !== ''
      ? { kind: 'endpoint', url: endpoint }
      : { kind: 'dynalite', path: dataDir === null ? null : join(dataDir, 'dynamodb') });
    await ensureTable(dynamo.client, tableName);
    const table = createDynamoDbDataSource({ client: dynamo.client, tableName, lock: createReadWriteLock(), paginationKey: loadPaginationKey(dataDir) });

    await api.load({
      distDir,
      tableName,
      authorizerEnv: {
        USER_POOL_ID: pool.userPoolId,
        APP_CLIENT_ID: userClientIds.join(','),
        MACHINE_CLIENT_IDS: machineClientIds.join(','),
        AUTH_TTL_SECONDS: String(authTtlSeconds),
        JWKS_FILE: jwksFile,
      },
    });

    let invocations = 0;
    const cache = createAuthorizationCache({ ttlSeconds: authTtlSeconds, now });
    const authorization: AuthorizationServices = {
      cache,
      handler: () => api.current().authorizer,
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
    // Subscriptions are registered and published by the real-time part; every mutation field the
    // GraphQL endpoint resolves is handed to it (its selection, filters, invalidations).
    let realtime: RealtimePart | null = null;
    const execution = (): ExecutionServices => {
      const { schema, bundles } = api.current();
      return { schema, bundles, runHandler, table, settings, log, onMutationField: (resolved) => realtime?.onMutationField(resolved) };
    };
    realtime = createRealtimePart({
      authorize: (request) => authorizeRequest(authorization, request),
      subscribe: createSubscribe(execution),
      acceptedHosts: () => acceptedHosts(server?.port ?? 0, null),
      log,
    });
    parts.push(realtime);
    parts.push(createGraphqlPart({
      authorization,
      execution,
      maxBodyBytes: options.maxBodyBytes ?? ONE_MIB,
      logRequest: (entry) => log(formatRequestLog(entry)),
    }));
    // The console's decision panel asks for the very answer POST /graphql would get (cached alike).
    parts.push(createConsolePart({
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      seedUsers: pool.users,
      machineClients: readSeedFile(options.seedFile ?? DEFAULT_SEED_FILE).clients,
      authorize: (token) => authorizeRequest(authorization, { authorization: token, queryString: '', operationName: null, variables: {}, requestHeaders: {} }),
      ...(options.consoleDistDir === undefined ? {} : { distDir: options.consoleDistDir }),
    }));

    const host = options.host ?? '127.0.0.1';
    // Amplify subscribes at wss:// on the port its http:// endpoint names: the port speaks both.
    const certificate = await loadOrCreateLocalhostCertificate(dataDir, now);
    server = await startServer(createRouter(parts, { logError }), { host, port: options.port ?? 4000 }, {
      createListener: (handlers) => createSamePortServer({ tls: { key: certificate.key, cert: certificate.cert }, ...handlers }),
    });
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${server.port}`;

    if (options.seedTickets === true) {
      await seedTicketsOnce({
        graphqlUrl: `${url}${GRAPHQL_PATH}`,
        signIn: (email, password) => pool.signIn(email, password),
        dataDir,
        ...(options.seedTicketsFile === undefined ? {} : { seedFile: options.seedTicketsFile }),
        ...(options.seedFile === undefined ? {} : { usersFile: options.seedFile }),
      });
    }

    const reload = async (): Promise<void> => {
      await api.reload();
      // A rebuilt authorizer may decide differently: answers of the old one are dropped.
      cache.clear();
    };
    if (options.watch === true) watch = rebuildOnChange({ projectRoot: PROJECT_ROOT, distDir, reload, log });

    let closing: Promise<void> | undefined;
    return {
      url,
      graphqlUrl: `${url}${GRAPHQL_PATH}`,
      realtimeUrl: `${url.replace(/^http:/, 'wss:')}${REALTIME_PATH}`,
      consoleUrl: `${url}/`,
      cognitoEndpoint: `${url}/`,
      tokenEndpoint: `${url}${OAUTH_TOKEN_PATH}`,
      certificate: { cert: certificate.cert, certPath: certificate.certPath, fingerprint256: certificate.fingerprint256, notAfter: certificate.notAfter, created: certificate.created },
      jwksUrl: `${url}${pool.jwksPath}`,
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      region: pool.region,
      users: pool.users.map((user) => user.email),
      identityProvider: pool,
      jwksFaults: cognito.jwksFaults,
      authorizerInvocations: () => invocations,
      reload,
      close() {
        closing ??= shutdown();
        return closing;
      },
    };
  } catch (error) {
    await shutdown();
    throw error;
  }
}
