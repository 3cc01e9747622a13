/**
 * Where a decision's time goes: CPU microseconds per call of each step of the handler, measured
 * one at a time on the same tokens. It explains the throughput ratios; it has no goal.
 */
import { decomposeUnverifiedJwt } from 'aws-jwt-verify/jwt';
import { safeJsonParse } from 'aws-jwt-verify/safe-json-parse';
import { identityFromClaims } from '../authorizer/identity.ts';
import { extractToken } from '../authorizer/token.ts';
import { deniedFields, toResolverContext } from '../policy/index.ts';
import { createAuthorizerFixture, createBenchVerifier, mintTokens, type AuthorizerFixture } from './authorizer-fixtures.ts';
import { verifySignatureOnly } from './reference-authorizers.ts';
import { median } from './stats.ts';

/** CPU microseconds per call of each step (medians over rounds). */
export type Breakdown = Readonly<Record<string, number>>;

function cpuMicrosPerCall<T>(inputs: readonly T[], passes: number, step: (input: T) => unknown): number {
  const start = process.cpuUsage();
  for (let pass = 0; pass < passes; pass += 1) for (const input of inputs) step(input);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / (inputs.length * passes);
}

/**
 * Measures each step over `tokens` tokens, `passes` times per round, `rounds` rounds.
 *
 * @example
 * const breakdown = benchAuthorizerBreakdown({ tokens: 200, passes: 5, rounds: 5 });
 */
export function benchAuthorizerBreakdown(
  options: { readonly tokens: number; readonly passes: number; readonly rounds: number },
  fixture: AuthorizerFixture = createAuthorizerFixture(),
): Breakdown {
  const minted = mintTokens(fixture.pool, options.tokens);
  const tokens = minted.map(({ token }) => token);
  const verifier = createBenchVerifier(fixture);
  const claims = tokens.map((token) => verifier.verifySync(token));
  const machineClientIds = new Set(fixture.config.machineClientIds);
  const toIdentity = (verified: (typeof claims)[number]) => identityFromClaims(verified, machineClientIds);
  const identities = claims.map(toIdentity);
  const payloads = tokens.map((token) => Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8'));
  const steps: Record<string, () => number> = {
    'crypto.verify (floor)': () => cpuMicrosPerCall(minted, options.passes, verifySignatureOnly),
    'aws-jwt-verify verifySync (all of it)': () => cpuMicrosPerCall(tokens, options.passes, (token) => verifier.verifySync(token)),
    'aws-jwt-verify decomposeUnverifiedJwt': () => cpuMicrosPerCall(tokens, options.passes, decomposeUnverifiedJwt),
    'aws-jwt-verify safeJsonParse (payload)': () => cpuMicrosPerCall(payloads, options.passes, safeJsonParse),
    'JSON.parse (payload)': () => cpuMicrosPerCall(payloads, options.passes, (payload) => JSON.parse(payload)),
    extractToken: () => cpuMicrosPerCall(tokens, options.passes, extractToken),
    identityFromClaims: () => cpuMicrosPerCall(claims, options.passes, toIdentity),
    toResolverContext: () => cpuMicrosPerCall(identities, options.passes, toResolverContext),
    deniedFields: () => cpuMicrosPerCall(identities, options.passes, deniedFields),
  };
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(steps).map((name) => [name, []]));
  for (let round = 0; round <= options.rounds; round += 1) {
    for (const [name, measure] of Object.entries(steps)) {
      const micros = measure();
      // Round 0 warms up.
      if (round > 0) samples[name]?.push(micros);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, Number(median(values).toFixed(2))]));
}
