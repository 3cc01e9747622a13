/**
 * Loads `authorizer/index.ts` afresh with a given environment, as a Lambda cold start would,
 * with the pool's JWKS preloaded through `JWKS_FILE`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { AuthorizerAnswer, AuthorizerEvent } from '../../authorizer/authorizer.ts';
import type { TestPool } from '../helpers/cognito-tokens.ts';

/** The handler of a freshly loaded authorizer module. */
export type Handler = (event: AuthorizerEvent) => Promise<AuthorizerAnswer>;

/** Writes the pool's JWKS to a temporary file and returns its path. */
export function writeJwksFile(jwks: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
  writeFileSync(path, JSON.stringify(jwks));
  return path;
}

/**
 * Imports the authorizer entry point with `env` set, then restores the environment.
 *
 * @example
 * const handler = await loadHandler(pool, { AUTH_TTL_SECONDS: '60' });
 */
export async function loadHandler(pool: TestPool, env: Record<string, string | undefined> = {}): Promise<Handler> {
  const vars: Record<string, string | undefined> = {
    USER_POOL_ID: pool.userPoolId,
    APP_CLIENT_ID: pool.clientId,
    AUTH_TTL_SECONDS: undefined,
    JWKS_FILE: writeJwksFile(pool.jwks),
    ...env,
  };
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  try {
    for (const [name, value] of Object.entries(vars)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    vi.resetModules();
    const module = await import('../../authorizer/index.ts');
    return module.handler;
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** An AppSync authorizer event for `token`. */
export function authorizerEvent(token: unknown): AuthorizerEvent {
  return {
    authorizationToken: token as string,
    requestContext: {
      apiId: 'testapi',
      accountId: '111122223333',
      requestId: 'request-1',
      queryString: '{ me { sub } }',
      variables: {},
    },
    requestHeaders: { authorization: String(token) },
  };
}
