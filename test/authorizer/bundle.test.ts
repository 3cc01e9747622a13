import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestPool } from '../helpers/cognito-tokens.ts';
import { authorizerEvent, writeJwksFile } from './load-handler.ts';

const BUNDLE = fileURLToPath(new URL('../../dist/authorizer/index.mjs', import.meta.url));

describe('Authorizer: the built bundle', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('decides like the source and logs readable error class names', async () => {
    // Prepare: the bundle reads its environment at load, like a Lambda cold start.
    const pool = createTestPool();
    vi.stubEnv('USER_POOL_ID', pool.userPoolId);
    vi.stubEnv('APP_CLIENT_ID', pool.clientId);
    vi.stubEnv('AUTH_TTL_SECONDS', '120');
    vi.stubEnv('JWKS_FILE', writeJwksFile(pool.jwks));
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      lines.push(String(line));
    });
    const { handler } = await import(`${pathToFileURL(BUNDLE).href}?load=${Date.now()}`);

    // Act
    const allowed = await handler(authorizerEvent(pool.idToken('agent')));
    const expired = await handler(authorizerEvent(pool.idToken('agent', { exp: Math.floor(Date.now() / 1000) - 5 })));

    // Assess
    expect(allowed).toMatchObject({ isAuthorized: true, deniedFields: ['Mutation.deleteTicket'], ttlOverride: 120 });
    expect(expired).toEqual({ isAuthorized: false });
    expect(lines.map((line) => JSON.parse(line).errorClass)).toEqual(['JwtExpiredError']);
  });
});
