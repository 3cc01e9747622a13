/**
 * `npm start`: flags and environment read into options, the start-up banner (every endpoint,
 * the certificate to trust, the machine clients and never a secret), and the process started,
 * answering and shut down cleanly by SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type PeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { startupBanner, type BannerEmulator } from '../../../emulator/cli-banner.ts';
import { CliUsageError, readCliOptions } from '../../../emulator/cli-options.ts';
import { DEFAULT_SEED_FILE } from '../../../emulator/cognito/index.ts';
import { PROJECT_ROOT } from '../../../scripts/project-root.ts';

/** `emulator/cli.ts` started as `npm start` runs it, once it has printed its banner. */
interface StartedCli {
  readonly child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  readonly exited: Promise<unknown[]>;
}

async function startCli(args: readonly string[]): Promise<StartedCli> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', ...args, '--port', '0', '--no-watch'], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = once(child, 'exit');
  for (let waited = 0; !output.includes('Ctrl-C stops it.') && waited < 30_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, output: () => output, exited };
}

/** The certificate the port presents to a TLS client. */
async function servedCertificate(port: number): Promise<PeerCertificate> {
  const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false });
  try {
    await once(socket, 'secureConnect');
    return socket.getPeerCertificate();
  } finally {
    socket.destroy();
  }
}

/** A running emulator as the banner sees it: two machine clients, a public one, a confidential user client. */
function bannerEmulator(certPath: string | null): BannerEmulator {
  const client = (clientId: string, flows: { oauth?: boolean; user?: boolean; scopes?: string[] }) => ({
    clientId,
    hasSecret: flows.oauth === true || flows.user === true,
    explicitAuthFlows: flows.user === true ? (['ALLOW_USER_PASSWORD_AUTH'] as const) : [],
    allowedOAuthFlows: flows.oauth === true ? (['client_credentials'] as const) : [],
    allowedOAuthScopes: flows.scopes ?? [],
  });
  return {
    url: 'http://127.0.0.1:4000',
    realtimeUrl: 'wss://127.0.0.1:4000/graphql/realtime',
    tokenEndpoint: 'http://127.0.0.1:4000/oauth2/token',
    certificate: { cert: '', certPath, fingerprint256: 'AA:BB', notAfter: new Date('2027-01-02T00:00:00Z'), created: false },
    userPoolId: 'us-east-1_localdev',
    clientId: 'localdevclient',
    region: 'us-east-1',
    identityProvider: {
      users: [{ sub: 's1', username: 's1', email: 'agent@example.com', emailVerified: true, groups: ['agents'], attributes: {}, status: 'CONFIRMED' }],
      appClients: [
        client('localdevclient', { user: true }),
        client('localkioskclient', { user: true, scopes: ['helpdesk/tickets.read'] }),
        client('localreportingclient', { oauth: true, scopes: ['helpdesk/tickets.read'] }),
        client('localtriageclient', { oauth: true, scopes: ['helpdesk/tickets.read', 'helpdesk/tickets.triage'] }),
      ],
    },
  };
}

describe('Emulator: command line', () => {
  it('defaults to port 4000, .data and watching', () => {
    // Act
    const { options, help } = readCliOptions([], {});

    // Assess
    expect(help).toBe(false);
    expect(options).toMatchObject({ port: 4000, host: '127.0.0.1', dataDir: '.data', inMemory: false, dynamodbEndpoint: null, accessTokenEmail: false, watch: true, introspection: true });
  });

  it('reads the environment, and lets flags win over it', () => {
    // Act
    const fromEnv = readCliOptions([], { PORT: '5000', DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', ACCESS_TOKEN_EMAIL: 'true', AUTH_TTL_SECONDS: '0' }).options;
    const withFlags = readCliOptions(['--port', '0', '--data-dir', '/tmp/x', '--in-memory', '--access-token-email', '--no-watch', '--no-introspection'], { PORT: '5000' }).options;

    // Assess
    expect(fromEnv).toMatchObject({ port: 5000, dynamodbEndpoint: 'http://127.0.0.1:8000', accessTokenEmail: true, authTtlSeconds: 0 });
    expect(withFlags).toMatchObject({ port: 0, dataDir: '/tmp/x', inMemory: true, accessTokenEmail: true, watch: false, introspection: false });
  });

  it('reads a JWKS fault spec into the switchboard', () => {
    // Act
    const { options } = readCliOptions(['--jwks-fault', 'delay=250,status=503'], {});

    // Assess
    expect(options.jwksFaults?.behavior()).toEqual({ delayMs: 250, status: 503 });
  });

  it.each([[['--port', 'abc']], [['--bogus']], [['positional']], [['--jwks-fault', 'explode']]])('refuses %j with a usage error', (argv) => {
    // Act
    const act = () => readCliOptions(argv, {});

    // Assess
    expect(act).toThrow(CliUsageError);
  });

  it('shows the real-time endpoint, the token endpoint and the certificate in localhost words', () => {
    // Act
    const banner = startupBanner(bannerEmulator(join(PROJECT_ROOT, '.data/tls/localhost-cert.pem')), {
      dataDir: '.data',
      dynamodbEndpoint: null,
      watch: false,
      seedFile: DEFAULT_SEED_FILE,
      cwd: PROJECT_ROOT,
    });

    // Assess
    expect(banner).toContain('  GraphQL     http://localhost:4000/graphql');
    expect(banner).toContain('  Real-time   wss://localhost:4000/graphql/realtime   (ws:// too;');
    expect(banner).toContain('trust .data/tls/localhost-cert.pem (docs/tls.md)');
    expect(banner).toContain('SHA-256 AA:BB   valid until 2027-01-02');
    expect(banner).toContain('  Token       http://localhost:4000/oauth2/token');
    expect(banner).not.toContain('Watching');
  });

  it('lists the client-credentials clients with their scopes, and points to the seed file for their secrets', () => {
    // Act
    const lines = startupBanner(bannerEmulator(null), { dataDir: null, dynamodbEndpoint: null, watch: true, seedFile: DEFAULT_SEED_FILE, cwd: PROJECT_ROOT }).split('\n');

    // Assess
    const machines = lines.filter((line) => line.includes('(secret in emulator/seed-users.json)'));
    expect(machines.map((line) => line.trim().replace(/^Machines\s+/, '').split(/\s{3,}/))).toEqual([
      ['localreportingclient', 'helpdesk/tickets.read', '(secret in emulator/seed-users.json)'],
      ['localtriageclient', 'helpdesk/tickets.read helpdesk/tickets.triage', '(secret in emulator/seed-users.json)'],
    ]);
    expect(lines.join('\n')).not.toContain('localkioskclient');
    expect(lines.join('\n')).toContain('certificate in memory, new at every start');
  });

  it('starts with a banner whose endpoints answer and whose fingerprint is the served certificate', async () => {
    // Prepare
    const dataDir = mkdtempSync(join(tmpdir(), 'cli-banner-'));
    const { child, output: printed, exited } = await startCli(['--data-dir', dataDir]);
    try {
      const output = printed();
      const port = Number(/Real-time\s+wss:\/\/localhost:(\d+)\/graphql\/realtime/.exec(output)?.[1]);
      const tokenEndpoint = /Token\s+(http:\/\/localhost:\d+\/oauth2\/token)/.exec(output)?.[1]?.replace('localhost', '127.0.0.1');
      const fingerprint = /SHA-256 ([0-9A-F:]+)/.exec(output)?.[1];

      // Act
      const served = await servedCertificate(port);
      const token = await fetch(`${tokenEndpoint}`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('localreportingclient:reporting-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });

      // Assess
      expect(served.fingerprint256).toBe(fingerprint);
      expect(output).toContain(`trust ${join(dataDir, 'tls', 'localhost-cert.pem')} (docs/tls.md)`);
      expect(token.status).toBe(200);
      expect(output).toMatch(/Machines\s+localreportingclient\s+helpdesk\/tickets\.read\s+\(secret in emulator\/seed-users\.json\)/);
      expect(output).not.toContain('reporting-secret');
      expect(output).not.toContain('triage-secret');
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('starts, answers, and stops cleanly on SIGTERM', async () => {
    // Prepare
    const { child, output, exited } = await startCli(['--in-memory']);
    try {
      const url = /GraphQL\s+(http:\/\/localhost:\d+)\/graphql/.exec(output())?.[1]?.replace('localhost', '127.0.0.1');

      // Act
      const page = await fetch(`${url}/`);
      const refused = await fetch(`${url}/graphql`, { method: 'POST', body: '{"query":"{ me { sub } }"}' });
      child.kill('SIGTERM');
      const [code] = await exited;

      // Assess
      expect(output()).toContain('us-east-1_localdev');
      expect(output()).toContain('agent@example.com  [agents]');
      expect(page.status).toBe(200);
      expect(refused.status).toBe(401);
      expect(code).toBe(0);
      expect(output()).toContain('Stopped.');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
