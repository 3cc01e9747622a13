/**
 * The pool's JWKS host (`emulator/cognito/jwks-host.ts`) with the switchboard's faults: each
 * fetch waits `delayMs`, answers `status` instead of the keys when one is set, and is counted.
 */
import { interceptJwksFetches, type JwksHostRegistration } from '../cognito/jwks-host.ts';
import type { JwksFaults } from './jwks-faults.ts';

export type { JwksHostRegistration } from '../cognito/jwks-host.ts';

/** What a registered URL answers with, and the faults applied to it. */
export interface JwksSource {
  /** The JWKS document, read at the time of each fetch. */
  readonly jwks: () => unknown;
  readonly faults: JwksFaults;
}

/**
 * Answers fetches of `url` (an `https:` JWKS URL) in process from `source`, with its faults,
 * until `remove()`.
 *
 * @example
 * const host = registerJwksHost(`${pool.issuer}/.well-known/jwks.json`, { jwks: () => pool.jwks(), faults });
 * faults.set({ status: 503 }); // the authorizer's next fetch fails
 * host.remove();
 */
export function registerJwksHost(url: string, source: JwksSource): JwksHostRegistration {
  return interceptJwksFetches(url, { jwks: source.jwks, answer: () => source.faults.behavior(), onFetch: () => source.faults.recordFetch() });
}
