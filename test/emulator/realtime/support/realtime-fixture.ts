/**
 * A real-time endpoint over real sockets on 127.0.0.1, for the real-time tests: a plain HTTP
 * server whose `upgrade` event hands the socket to the part, the project's built authorizer
 * (`dist/authorizer/index.mjs`) verifying RS256 tokens signed in the test, the HTTP endpoint's
 * authorization step and cache, APPSYNC_JS resolvers run in the real sandbox, and mutations
 * executed by the real GraphQL executor (whose hook publishes them).
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { WebSocket } from 'ws';
import { createAuthorizationCache } from '../../../../emulator/auth/authorization-cache.ts';
import { authorizeRequest, type AuthorizationInput, type AuthorizationServices } from '../../../../emulator/auth/authorize-request.ts';
import { loadAuthorizer, type AuthorizerHandler } from '../../../../emulator/auth/authorizer-host.ts';
import { deniedFieldSet } from '../../../../emulator/graphql/denied-fields.ts';
import { buildExecutableSchema } from '../../../../emulator/graphql/executable-schema.ts';
import { executeRequest, type ExecutionServices, type GraphQLResponse } from '../../../../emulator/graphql/execute-request.ts';
import type { LoadedResolver } from '../../../../emulator/resolvers/resolver-bundles.ts';
import { createSandboxRunner } from '../../../../emulator/resolvers/sandbox-runner.ts';
import { acceptedHosts, createRealtimePart, createSubscribe, REALTIME_PATH, type RealtimePart } from '../../../../emulator/realtime/index.ts';
import { AUTHORIZATION_TOKEN_PATTERN, QUERY_DEPTH_LIMIT, RESOLVER_COUNT_LIMIT } from '../../../../infra/api-limits.ts';
import { appsyncJsModule } from '../../../helpers/appsync-js-module.ts';
import { createTestPool, type TestPool } from '../../../helpers/cognito-tokens.ts';
import { writeJwksFile } from '../../../authorizer/load-handler.ts';

/** The host clients are configured with (as a custom domain would be). */
export const CONFIGURED_HOST = 'api.example.test';

/** A schema with the shapes the tests need: argument filtering, resolver filters, invalidation. */
export const TEST_SCHEMA = /* GraphQL */ `
  type Ticket {
    id: ID!
    title: String
    status: String
    reporter: String
    internalNotes: String
  }
  type Query {
    ticket(id: ID!): Ticket
  }
  type Mutation {
    updateTicket(id: ID!, title: String, status: String, reporter: String, internalNotes: String): Ticket
    revokeReporter(reporter: String!): Ticket
  }
  type Subscription {
    onTicketUpdated(id: ID): Ticket @aws_subscribe(mutations: ["updateTicket"])
    onStatus(status: String!): Ticket @aws_subscribe(mutations: ["updateTicket"])
    onMyTickets: Ticket @aws_subscribe(mutations: ["updateTicket"])
    onRefused: Ticket @aws_subscribe(mutations: ["updateTicket"])
    onBadFilter: Ticket @aws_subscribe(mutations: ["updateTicket"])
  }
`;

function unit(coordinate: string, code: string): [string, LoadedResolver] {
  const [typeName = '', fieldName = ''] = coordinate.split('.');
  return [coordinate, { kind: 'UNIT', typeName, fieldName, coordinate, code, dataSource: 'NONE' }];
}

/** The resolvers: NONE data sources, as subscription resolvers usually are. */
export const TEST_RESOLVERS = new Map<string, LoadedResolver>([
  unit('Mutation.updateTicket', appsyncJsModule('return { payload: ctx.args };', 'return ctx.result;')),
  unit(
    'Mutation.revokeReporter',
    appsyncJsModule(
      'return { payload: { id: "revoked", reporter: ctx.args.reporter } };',
      'extensions.invalidateSubscriptions({ subscriptionField: "onMyTickets", payload: { reporter: ctx.args.reporter } }); return ctx.result;',
    ),
  ),
  unit(
    'Subscription.onStatus',
    appsyncJsModule(
      'return { payload: null };',
      'extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ status: { eq: ctx.args.status } })); return null;',
    ),
  ),
  unit(
    'Subscription.onMyTickets',
    appsyncJsModule(
      'if (ctx.info.selectionSetList.includes("internalNotes") && ctx.identity.resolverContext.groups === "[]") util.unauthorized(); return { payload: null };',
      [
        'const me = { filterGroup: [{ filters: [{ fieldName: "reporter", operator: "eq", value: ctx.identity.resolverContext.email }] }] };',
        'extensions.setSubscriptionFilter(me);',
        'extensions.setSubscriptionInvalidationFilter(me);',
        'return null;',
      ].join(' '),
    ),
  ),
  unit(
    'Subscription.onBadFilter',
    appsyncJsModule('return { payload: null };', 'extensions.setSubscriptionFilter({ filterGroup: [{ filters: [{ fieldName: "status", operator: "like", value: "x" }] }] }); return null;'),
  ),
  unit('Subscription.onRefused', appsyncJsModule('util.error("Tickets are closed today.", "TicketsClosed"); return {};', 'return null;')),
]);

/** How a client hands over its header object. */
export type HeaderMethod = 'protocol' | 'query' | 'headers';

/** A test client: every received message queued, in order. */
export interface TestClient {
  readonly socket: WebSocket;
  readonly protocol: string;
  /** The next message (parsed JSON), skipping `ka` unless asked for. */
  next(options?: { keepAlive?: boolean }): Promise<Record<string, unknown>>;
  send(message: unknown): void;
  sendRaw(frame: string | Buffer, binary?: boolean): void;
  /** Resolves with the close code once the socket closes. */
  readonly closed: Promise<number>;
  /** Messages received and not yet taken by `next`. */
  pending(): Array<Record<string, unknown>>;
}

/** The running fixture. */
export interface RealtimeFixture {
  readonly pool: TestPool;
  readonly port: number;
  /** The server's certificate (PEM) when started with `tls: true`, else `null`. */
  readonly certificate: string | null;
  readonly part: RealtimePart;
  /** Every request the part's authorize was given, in order. */
  readonly authorizeRequests: AuthorizationInput[];
  /** Every authorizer event, in order. */
  readonly authorizerEvents: Array<Record<string, unknown>>;
  readonly logs: string[];
  connect(options: { token: string | null; method?: HeaderMethod; host?: string; protocols?: string[] }): Promise<TestClient>;
  /** A `start` payload with the header object Amplify sends. */
  start(id: string, token: string, query: string, variables?: Record<string, unknown>, host?: string): Record<string, unknown>;
  /** Runs a GraphQL request through the real executor, authorized as the HTTP endpoint does. */
  request(token: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

/**
 * @example
 * const fixture = await startRealtimeFixture();
 * const client = await fixture.connect({ token: fixture.pool.idToken('agent') });
 */
export async function startRealtimeFixture(
  options: { keepAliveIntervalMs?: number; connectionLifetimeMs?: number; tls?: boolean } = {},
): Promise<RealtimeFixture> {
  const { tls = false, ...partOptions } = options;
  const pool = createTestPool();
  const authorizer = await loadAuthorizer(join(process.cwd(), 'dist', 'authorizer', 'index.mjs'), {
    USER_POOL_ID: pool.userPoolId,
    APP_CLIENT_ID: pool.clientId,
    MACHINE_CLIENT_IDS: '',
    AUTH_TTL_SECONDS: '300',
    JWKS_FILE: writeJwksFile(pool.jwks),
  });
  const authorizerEvents: Array<Record<string, unknown>> = [];
  const recording: AuthorizerHandler = (event) => {
    authorizerEvents.push(event as Record<string, unknown>);
    return authorizer(event);
  };
  const authorization: AuthorizationServices = {
    cache: createAuthorizationCache({ ttlSeconds: 300, now: Date.now }),
    handler: () => recording,
    validation: new RegExp(AUTHORIZATION_TOKEN_PATTERN),
    apiId: 'testapi',
    accountId: '111122223333',
  };
  const logs: string[] = [];
  const log = (line: string): void => {
    logs.push(line);
  };
  const runHandler = createSandboxRunner({ authType: 'Lambda Authorization' }, log);
  const schema = buildExecutableSchema(TEST_SCHEMA);
  const settings = { queryDepthLimit: QUERY_DEPTH_LIMIT, resolverCountLimit: RESOLVER_COUNT_LIMIT, introspection: true };
  const table = { invoke: () => Promise.reject(new Error('The tests use NONE data sources only.')) };
  let part: RealtimePart | undefined;
  const execution = (): ExecutionServices => ({
    schema,
    bundles: { resolvers: TEST_RESOLVERS, env: {} },
    runHandler,
    table,
    settings,
    log,
    onMutationField: (resolved) => part?.onMutationField(resolved),
  });
  const notFound = (_req: unknown, res: { writeHead(status: number): { end(): void } }): void => res.writeHead(404).end();
  let certificate: string | null = null;
  let server: Server;
  if (tls) {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    certificate = pems.cert;
    server = createTlsServer({ key: pems.private, cert: pems.cert }, notFound);
  } else {
    server = createServer(notFound);
  }
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const authorizeRequests: AuthorizationInput[] = [];
  part = createRealtimePart({
    authorize: (request) => {
      authorizeRequests.push(request);
      return authorizeRequest(authorization, request);
    },
    subscribe: createSubscribe(execution),
    acceptedHosts: () => acceptedHosts(port, CONFIGURED_HOST),
    ...partOptions,
    log,
  });
  const realtime = part;
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = realtime.upgrades?.find((upgrade) => upgrade.path === url.pathname);
    if (route === undefined) socket.destroy();
    else route.handle(req, socket, head, url);
  });

  const clients = new Set<WebSocket>();

  async function connect(connectOptions: { token: string | null; method?: HeaderMethod; host?: string; protocols?: string[] }): Promise<TestClient> {
    const method = connectOptions.method ?? 'protocol';
    const header = connectOptions.token === null ? null : { Authorization: connectOptions.token, host: connectOptions.host ?? CONFIGURED_HOST };
    let url = `${tls ? 'wss' : 'ws'}://127.0.0.1:${port}${REALTIME_PATH}`;
    const protocols = connectOptions.protocols ?? ['graphql-ws'];
    const headers: Record<string, string> = {};
    if (header !== null && method === 'query') url += `?header=${encodeURIComponent(Buffer.from(JSON.stringify(header)).toString('base64'))}&payload=e30=`;
    if (header !== null && method === 'protocol') protocols.push(`header-${Buffer.from(JSON.stringify(header)).toString('base64url')}`);
    if (header !== null && method === 'headers') {
      headers.authorization = header.Authorization;
      headers.host = header.host;
    }
    const socket = new WebSocket(url, protocols, certificate === null ? { headers } : { headers, ca: certificate });
    clients.add(socket);
    const queue: Array<Record<string, unknown>> = [];
    const waiters: Array<() => void> = [];
    socket.on('message', (data) => {
      queue.push(JSON.parse(String(data)) as Record<string, unknown>);
      for (const wake of waiters.splice(0)) wake();
    });
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => {
      resolve(code);
      for (const wake of waiters.splice(0)) wake();
    }));
    await once(socket, 'open');
    return {
      socket,
      protocol: socket.protocol,
      async next(nextOptions = {}) {
        for (;;) {
          const index = queue.findIndex((message) => nextOptions.keepAlive === true || message.type !== 'ka');
          if (index >= 0) return queue.splice(index, 1)[0] as Record<string, unknown>;
          if (socket.readyState === socket.CLOSED) throw new Error('The socket closed before the next message.');
          await new Promise<void>((resolve) => waiters.push(resolve));
        }
      },
      send: (message) => socket.send(JSON.stringify(message)),
      sendRaw: (frame, binary = false) => socket.send(frame, { binary }),
      closed,
      pending: () => queue.filter((message) => message.type !== 'ka'),
    };
  }

  return {
    pool,
    port,
    certificate,
    part: realtime,
    authorizeRequests,
    authorizerEvents,
    logs,
    connect,
    start: (id, token, query, variables = {}, host = CONFIGURED_HOST) => ({
      id,
      type: 'start',
      payload: {
        data: JSON.stringify({ query, variables }),
        extensions: { authorization: { Authorization: token, host, 'x-amz-user-agent': 'aws-amplify/6.22.1 api/1' } },
      },
    }),
    async request(token, query, variables = {}) {
      const answer = await authorizeRequest(authorization, { authorization: token, queryString: query, operationName: null, variables, requestHeaders: {} });
      if (answer === null) throw new Error('The test request was refused by the authorizer.');
      return executeRequest(execution(), {
        query,
        operationName: null,
        variables,
        headers: {},
        resolverContext: answer.resolverContext,
        deniedFields: deniedFieldSet(answer.deniedFields),
      });
    },
    async close() {
      for (const socket of clients) socket.terminate();
      await realtime.close?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
