/**
 * A JWKS cache whose fetched key sets expire, so that a key the user pool no longer publishes
 * stops being accepted within a bounded time. aws-jwt-verify's `SimpleJwksCache` keeps a key set
 * forever and refetches only for an unknown `kid`.
 */
import type { JwkWithKid, Jwks } from 'aws-jwt-verify/jwk';
import { JwksNotAvailableInCacheError } from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { Fetcher } from 'aws-jwt-verify/https';

type DecomposedJwt = Parameters<SimpleJwksCache['getJwk']>[1];

/** Options of {@link ExpiringJwksCache}. */
export interface ExpiringJwksCacheOptions {
  readonly fetcher: Fetcher;
  /** Milliseconds after which a fetched key set is fetched again before use. */
  readonly maxAgeMs?: number;
  /** The clock, in milliseconds. */
  readonly now?: () => number;
}

/** Default age after which a fetched key set is refreshed. */
export const DEFAULT_JWKS_MAX_AGE_MS = 10 * 60_000;

/**
 * `SimpleJwksCache` with expiring fetched key sets. A refresh that fails keeps the old keys (the
 * fetcher spaces out further attempts), so an identity-provider outage does not lock everyone
 * out; key sets preloaded with `addJwks` (from `JWKS_FILE`) do not expire.
 *
 * @example
 * new ExpiringJwksCache({ fetcher: new GuardedFetcher() });
 */
export class ExpiringJwksCache extends SimpleJwksCache {
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private readonly fetchedAt = new Map<string, number>();

  constructor(options: ExpiringJwksCacheOptions) {
    super({ fetcher: options.fetcher });
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_JWKS_MAX_AGE_MS;
    this.now = options.now ?? Date.now;
  }

  override async getJwks(jwksUri: string): Promise<Jwks> {
    const jwks = await super.getJwks(jwksUri);
    this.fetchedAt.set(jwksUri, this.now());
    return jwks;
  }

  override async getJwk(jwksUri: string, decomposedJwt: DecomposedJwt): Promise<JwkWithKid> {
    const fetchedAt = this.fetchedAt.get(jwksUri);
    if (fetchedAt !== undefined && this.now() - fetchedAt >= this.maxAgeMs) {
      await this.getJwks(jwksUri).catch(() => undefined);
    }
    return super.getJwk(jwksUri, decomposedJwt);
  }

  /**
   * The key for a token from memory, for `verifySync`. An expired fetched key set counts as
   * absent, so that the caller takes the asynchronous path, which refreshes it (`getJwk`).
   *
   * @throws {JwksNotAvailableInCacheError} when the fetched key set is due for a refresh.
   */
  override getCachedJwk(jwksUri: string, decomposedJwt: DecomposedJwt): JwkWithKid {
    const fetchedAt = this.fetchedAt.get(jwksUri);
    if (fetchedAt !== undefined && this.now() - fetchedAt >= this.maxAgeMs) {
      throw new JwksNotAvailableInCacheError(`JWKS for uri ${jwksUri} is due for a refresh`);
    }
    return super.getCachedJwk(jwksUri, decomposedJwt);
  }
}
