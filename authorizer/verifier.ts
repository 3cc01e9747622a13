/**
 * The one token verifier, built from the configuration.
 */
import { readFileSync } from 'node:fs';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { assertIsJwks } from 'aws-jwt-verify/jwk';
import { safeJsonParse } from 'aws-jwt-verify/safe-json-parse';
import type { VerifiedClaims } from './authorizer.ts';
import type { AuthorizerConfig } from './config.ts';
import { ConfigurationError } from './errors.ts';
import { ExpiringJwksCache } from './jwks-cache.ts';
import { GuardedFetcher, type GuardedFetcherOptions } from './jwks-fetcher.ts';

/** Options of {@link createVerifier}; tests use them to point JWKS fetches at a local server. */
export interface VerifierOptions extends GuardedFetcherOptions {
  /** Milliseconds after which fetched keys are fetched again. */
  readonly jwksMaxAgeMs?: number;
}

/** The verifier the authorizer uses: aws-jwt-verify's `CognitoJwtVerifier`, and nothing in front of it. */
export interface Verifier {
  /** aws-jwt-verify's `verify`: may fetch the JWKS. */
  verify(token: string): Promise<VerifiedClaims>;
  /** aws-jwt-verify's `verifySync`: keys in memory only, never a fetch. */
  verifySync(token: string): VerifiedClaims;
  /** Preloads a key set (`JWKS_FILE`); it never expires. */
  cacheJwks(jwks: Jwks): void;
  /** Fetches the key sets of both issuer forms. */
  hydrate(): Promise<void>;
}

/**
 * Creates the Cognito verifier: ID and access tokens (`tokenUse: null`) of the configured app
 * clients, users' and machines' (which of them a token may be is decided by `identityFromClaims`),
 * both issuer forms, JWKS fetches guarded by {@link GuardedFetcher}, fetched keys refreshed by
 * {@link ExpiringJwksCache}. Every token is verified by aws-jwt-verify itself: a hand-written
 * verification in front of it measured about 10 µs faster per token (a third of a decision), but
 * a second verifier is a second place for a signature or claim check to go wrong.
 *
 * @example
 * const verifier = createVerifier(readConfig(process.env));
 */
export function createVerifier(config: AuthorizerConfig, options: VerifierOptions = {}): Verifier {
  const fetcher: Fetcher = new GuardedFetcher(options);
  const jwksCache = new ExpiringJwksCache({ fetcher, maxAgeMs: options.jwksMaxAgeMs, now: options.now });
  const clientIds = [...config.clientIds, ...config.machineClientIds];
  const library = CognitoJwtVerifier.create({ userPoolId: config.userPoolId, tokenUse: null, clientId: clientIds }, { jwksCache });
  return {
    verify: (token) => library.verify(token),
    verifySync: (token) => library.verifySync(token),
    cacheJwks: (jwks) => library.cacheJwks(jwks),
    hydrate: () => library.hydrate(),
  };
}

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
