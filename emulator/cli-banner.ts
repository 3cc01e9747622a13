/**
 * What `npm start` prints once the emulator listens: every URL a client needs (GraphQL, the
 * real-time endpoint, the console, Cognito, the token endpoint), the certificate to trust for
 * `https://` and `wss://`, the pool's ids, the seeded users and the machine clients.
 *
 * Secrets are never printed, and cannot be: the pool keeps only their hashes. The banner says
 * where the documented dev secrets are instead (the seed file).
 */
import { isAbsolute, relative } from 'node:path';
import type { AppClient, PoolUser } from './cognito/index.ts';
import type { RunningEmulator } from './start-emulator.ts';
import { tlsBannerLines } from './tls/index.ts';

/** What the banner reads from the running emulator. */
export type BannerEmulator = Pick<RunningEmulator, 'url' | 'realtimeUrl' | 'tokenEndpoint' | 'certificate' | 'userPoolId' | 'clientId' | 'region'> & {
  readonly identityProvider: { readonly users: readonly PoolUser[]; readonly appClients: readonly AppClient[] };
};

/** How the emulator was started, as far as the banner tells it. */
export interface BannerSettings {
  /** `null`: in memory. */
  readonly dataDir: string | null;
  readonly dynamodbEndpoint: string | null;
  readonly watch: boolean;
  /** The seed file the users' passwords and the clients' secrets come from. */
  readonly seedFile: string;
  /** Paths inside it are shown relative to it; default the process's working directory. */
  readonly cwd?: string;
}

/** Where a row's value starts: two spaces, then a 12-column label. */
const GUTTER = ' '.repeat(14);

/**
 * The start-up banner, one string.
 *
 * @example
 * console.log(startupBanner(emulator, { dataDir: '.data', dynamodbEndpoint: null, watch: true, seedFile: DEFAULT_SEED_FILE }));
 * //   Real-time   wss://localhost:4000/graphql/realtime   (ws:// too; subscriptions, graphql-ws)
 * //   Machines    localreportingclient   helpdesk/tickets.read   (secret in emulator/seed-users.json)
 */
export function startupBanner(emulator: BannerEmulator, settings: BannerSettings): string {
  const cwd = settings.cwd ?? process.cwd();
  const seedFile = shownPath(settings.seedFile, cwd);
  const url = localhost(emulator.url);
  const data = settings.dataDir === null ? 'in memory (nothing is kept)' : settings.dataDir;
  const lines = [
    '',
    'Helpdesk API emulator',
    `  GraphQL     ${url}/graphql   (Authorization: <ID or access token>)`,
    `  Real-time   ${localhost(emulator.realtimeUrl)}   (ws:// too; subscriptions, graphql-ws)`,
    ...tlsBannerLines(emulator.certificate, cwd),
    `  Console     ${url}/`,
    `  Cognito     ${url}/   (userPoolEndpoint)   JWKS ${url}/${emulator.userPoolId}/.well-known/jwks.json`,
    `  Token       ${localhost(emulator.tokenEndpoint)}   (client_credentials, for machine callers)`,
    `  User pool   ${emulator.userPoolId}   App client ${emulator.clientId}   Region ${emulator.region}`,
    ...machineLines(emulator.identityProvider.appClients, seedFile),
    `  Data        ${data}${settings.dynamodbEndpoint === null ? '' : `, DynamoDB at ${settings.dynamodbEndpoint}`}`,
    `  Users       (password Passw0rd! unless changed in ${seedFile})`,
    ...emulator.identityProvider.users.map(
      (user) => `${GUTTER}${user.email}${user.groups.length > 0 ? `  [${user.groups.join(', ')}]` : ''}${user.emailVerified ? '' : '  (email not verified)'}`,
    ),
    ...(settings.watch ? ['  Watching    resolvers/ authorizer/ triggers/ policy/ schema.graphql'] : []),
    '',
    'Ctrl-C stops it.',
  ];
  return lines.join('\n');
}

/** The clients allowed the client-credentials grant, with their scopes, aligned. */
function machineLines(clients: readonly AppClient[], seedFile: string): string[] {
  const machines = clients.filter((client) => client.allowedOAuthFlows.includes('client_credentials'));
  if (machines.length === 0) return [];
  const idWidth = Math.max(...machines.map((client) => client.clientId.length));
  const scopeWidth = Math.max(...machines.map((client) => client.allowedOAuthScopes.join(' ').length));
  return machines.map((client, index) => {
    const label = index === 0 ? '  Machines    ' : GUTTER;
    return `${label}${client.clientId.padEnd(idWidth)}   ${client.allowedOAuthScopes.join(' ').padEnd(scopeWidth)}   (secret in ${seedFile})`;
  });
}

/** Browsers and the docs say localhost; the emulator listens on 127.0.0.1 by default. */
function localhost(url: string): string {
  return url.replace('//127.0.0.1:', '//localhost:');
}

/** Relative to the working directory when inside it (`emulator/seed-users.json`), else as given. */
function shownPath(path: string, cwd: string): string {
  const inside = relative(cwd, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}
