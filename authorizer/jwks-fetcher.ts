/**
 * A JWKS fetcher that cannot hang the authorizer or hammer the identity provider.
 *
 * aws-jwt-verify refetches the JWKS for every token with an unknown `kid`, and its penalty box
 * only counts fetches that succeeded without the `kid`: while the endpoint fails or is slow,
 * every such token causes another fetch. This wrapper allows one attempt per URI per interval,
 * success or failure, and gives every attempt a deadline of its own.
 */
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleFetcher } from 'aws-jwt-verify/https';
import { JwksFetchError, JwksFetchThrottledError, JwksFetchTimeoutError } from './errors.ts';

/** Options of {@link GuardedFetcher}. */
export interface GuardedFetcherOptions {
  /** The fetcher that does the I/O; aws-jwt-verify's own by default. */
  readonly inner?: Fetcher;
  /** Milliseconds an attempt may take before it is abandoned. */
  readonly timeoutMs?: number;
  /** Milliseconds between two attempts for the same URI. */
  readonly minIntervalMs?: number;
  /** The clock, in milliseconds. */
  readonly now?: () => number;
}

/** Default deadline: below AppSync's 10 s authorizer timeout, with room for verification. */
export const DEFAULT_JWKS_TIMEOUT_MS = 3_000;
/** Default spacing of attempts per URI. */
export const DEFAULT_JWKS_MIN_INTERVAL_MS = 5_000;

/**
 * Fetcher for `SimpleJwksCache` that throttles and times out JWKS fetches.
 *
 * @example
 * const jwksCache = new SimpleJwksCache({ fetcher: new GuardedFetcher() });
 */
export class GuardedFetcher implements Fetcher {
  private readonly inner: Fetcher;
  private readonly timeoutMs: number;
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  private readonly lastAttemptAt = new Map<string, number>();

  constructor(options: GuardedFetcherOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_JWKS_TIMEOUT_MS;
    this.minIntervalMs = options.minIntervalMs ?? DEFAULT_JWKS_MIN_INTERVAL_MS;
    this.now = options.now ?? Date.now;
    this.inner =
      options.inner ?? new SimpleFetcher({ defaultRequestOptions: { responseTimeout: this.timeoutMs } });
  }

  /**
   * Fetches `uri` unless an attempt for it started less than the interval ago.
   *
   * @throws {JwksFetchError} (or its subclasses for throttling and timeouts) on any failure.
   */
  async fetch(uri: string, requestOptions?: Record<string, unknown>, data?: ArrayBuffer): Promise<ArrayBuffer> {
    const now = this.now();
    const last = this.lastAttemptAt.get(uri);
    if (last !== undefined && now - last < this.minIntervalMs) {
      throw new JwksFetchThrottledError(`JWKS fetched ${now - last} ms ago; next attempt allowed after ${this.minIntervalMs} ms`);
    }
    this.lastAttemptAt.set(uri, now);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new JwksFetchTimeoutError(`JWKS fetch took longer than ${this.timeoutMs} ms`)), this.timeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([this.inner.fetch(uri, requestOptions, data), deadline]);
    } catch (cause) {
      if (cause instanceof JwksFetchError) throw cause;
      throw new JwksFetchError('JWKS fetch failed', { cause });
    } finally {
      clearTimeout(timer);
    }
  }
}
