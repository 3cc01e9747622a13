/**
 * The one token verifier, built from the configuration.
 */
import { readFileSync } from 'node:fs';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { assertIsJwks } from 'aws-jwt-verify/jwk';
import { safeJsonParse } from 'aws-jwt-verify/safe-json-parse';
import type { AuthorizerConfig } from './config.ts';
import { ConfigurationError } from './errors.ts';
import { GuardedFetcher, type GuardedFetcherOptions } from './jwks-fetcher.ts';

/**
 * Creates the Cognito verifier: ID and access tokens (`tokenUse: null`) of the configured app
 * clients, both issuer forms, JWKS fetches guarded by {@link GuardedFetcher}.
 *
 * @param fetcherOptions - lets tests point JWKS fetches at a local server.
 * @example
 * const verifier = createVerifier(readConfig(process.env));
 */
export function createVerifier(config: AuthorizerConfig, fetcherOptions: GuardedFetcherOptions = {}) {
  const fetcher: Fetcher = new GuardedFetcher(fetcherOptions);
  return CognitoJwtVerifier.create(
    { userPoolId: config.userPoolId, tokenUse: null, clientId: [...config.clientIds] },
    { jwksCache: new SimpleJwksCache({ fetcher }) },
  );
}

/** The verifier type {@link createVerifier} returns. */
export type Verifier = ReturnType<typeof createVerifier>;

/**
 * Reads a JWKS document from disk, for `JWKS_FILE`.
 *
 * @throws {ConfigurationError} when the file is unreadable or not a JWKS.
 */
export function readJwksFile(path: string): Jwks {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigurationError(`cannot read the JWKS file ${path}`, 'JWKS_FILE', { cause });
  }
  try {
    const jwks = safeJsonParse(text);
    assertIsJwks(jwks);
    return jwks;
  } catch (cause) {
    throw new ConfigurationError(`${path} is not a JWKS document ({ "keys": [...] })`, 'JWKS_FILE', { cause });
  }
}
