/**
 * `npm start`: flags and environment read into options, and the process started, answering and
 * shut down cleanly by SIGTERM.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CliUsageError, readCliOptions } from '../../../emulator/cli-options.ts';
import { PROJECT_ROOT } from '../../../scripts/project-root.ts';

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

  it('starts, answers, and stops cleanly on SIGTERM', async () => {
    // Prepare
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--in-memory', '--port', '0', '--no-watch'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = once(child, 'exit');
    try {
      for (let waited = 0; !output.includes('Ctrl-C stops it.') && waited < 30_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const url = /GraphQL\s+(http:\/\/localhost:\d+)\/graphql/.exec(output)?.[1]?.replace('localhost', '127.0.0.1');

      // Act
      const page = await fetch(`${url}/`);
      const refused = await fetch(`${url}/graphql`, { method: 'POST', body: '{"query":"{ me { sub } }"}' });
      child.kill('SIGTERM');
      const [code] = await exited;

      // Assess
      expect(output).toContain('us-east-1_localdev');
      expect(output).toContain('agent@example.com  [agents]');
      expect(page.status).toBe(200);
      expect(refused.status).toBe(401);
      expect(code).toBe(0);
      expect(output).toContain('Stopped.');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
