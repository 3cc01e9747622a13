import { describe, expect, it } from 'vitest';
import { readConfig } from '../../authorizer/config.ts';
import { ConfigurationError } from '../../authorizer/errors.ts';
import { readJwksFile } from '../../authorizer/verifier.ts';
import { createTestPool } from '../helpers/cognito-tokens.ts';
import { loadHandler, writeJwksFile } from './load-handler.ts';

const VALID = { USER_POOL_ID: 'eu-west-1_AbC123', APP_CLIENT_ID: 'client1' };

describe('Authorizer: configuration', () => {
  it('reads the four variables with their defaults', () => {
    // Act
    const config = readConfig(VALID);

    // Assess
    expect(config).toEqual({ userPoolId: 'eu-west-1_AbC123', clientIds: ['client1'], machineClientIds: [], ttlSeconds: 300, jwksFile: null });
  });

  it('splits several comma-separated app client ids', () => {
    expect(readConfig({ ...VALID, APP_CLIENT_ID: ' a1 , b2,,c3 ' }).clientIds).toEqual(['a1', 'b2', 'c3']);
  });

  it.each([
    ['USER_POOL_ID', { ...VALID, USER_POOL_ID: undefined }],
    ['USER_POOL_ID', { ...VALID, USER_POOL_ID: 'not-a-pool' }],
    ['APP_CLIENT_ID', { ...VALID, APP_CLIENT_ID: '' }],
    ['APP_CLIENT_ID', { ...VALID, APP_CLIENT_ID: ' , ' }],
    ['APP_CLIENT_ID', { ...VALID, APP_CLIENT_ID: 'bad client' }],
    ['AUTH_TTL_SECONDS', { ...VALID, AUTH_TTL_SECONDS: '-1' }],
    ['AUTH_TTL_SECONDS', { ...VALID, AUTH_TTL_SECONDS: '3601' }],
    ['AUTH_TTL_SECONDS', { ...VALID, AUTH_TTL_SECONDS: '1.5' }],
    ['AUTH_TTL_SECONDS', { ...VALID, AUTH_TTL_SECONDS: 'five' }],
  ])('refuses a bad %s with an error naming it', (variable, env) => {
    // Act
    const attempt = () => readConfig(env);

    // Assess
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(new RegExp(`^${variable}: `));
  });

  it('refuses an unreadable or malformed JWKS_FILE', () => {
    expect(() => readJwksFile('/nonexistent/jwks.json')).toThrow(/JWKS_FILE: cannot read/);
    expect(() => readJwksFile(writeJwksFile({ not: 'a jwks' }))).toThrow(/JWKS_FILE: .* is not a JWKS document/);
  });

  it('fails the cold start when the configuration is bad', async () => {
    // Prepare
    const pool = createTestPool();

    // Act
    const load = loadHandler(pool, { AUTH_TTL_SECONDS: '99999' });

    // Assess: a fresh module graph has its own ConfigurationError class, so match by name.
    await expect(load).rejects.toMatchObject({ name: 'ConfigurationError', variable: 'AUTH_TTL_SECONDS' });
  });
});
