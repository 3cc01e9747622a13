/**
 * How long AppSync may cache an authorizer answer for one token (`authorizerResultTtlInSeconds`).
 *
 * The authorizer owns these numbers because it is the part that enforces them at run time (it
 * refuses an `AUTH_TTL_SECONDS` AppSync would reject) and, being deployed code, it may import
 * neither `infra/` nor `emulator/`. `infra/api-limits.ts` re-exports them beside AppSync's other
 * limits, so the CDK stack and the emulator read the very same values.
 *
 * @example
 * import { MAX_AUTHORIZER_RESULT_TTL_SECONDS } from './result-ttl.ts';
 * if (ttlSeconds > MAX_AUTHORIZER_RESULT_TTL_SECONDS) refuse();
 */

/**
 * Seconds AppSync caches an authorizer answer for a token unless the answer's `ttlOverride`
 * says less. Set explicitly because the AWS documentation disagrees on AppSync's default.
 */
export const DEFAULT_AUTHORIZER_RESULT_TTL_SECONDS = 300;

/** AppSync's upper bound on `authorizerResultTtlInSeconds`; 0 means "do not cache". */
export const MAX_AUTHORIZER_RESULT_TTL_SECONDS = 3600;
