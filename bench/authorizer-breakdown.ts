/**
 * Where a decision's time goes: CPU microseconds per call of each step of the handler, measured
 * one at a time on the same Cognito-shaped tokens (ID, access and machine). It explains the
 * throughput ratios; it has no goal.
 */
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { decomposeUnverifiedJwt } from 'aws-jwt-verify/jwt';
import { safeJsonParse } from 'aws-jwt-verify/safe-json-parse';
import { createDecisionCache, DEFAULT_DECISION_CACHE_ENTRIES } from '../authorizer/decision-cache.ts';
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

async function cpuMicrosPerAsyncCall<T>(inputs: readonly T[], passes: number, step: (input: T) => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  for (let pass = 0; pass < passes; pass += 1) for (const input of inputs) await step(input);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / (inputs.length * passes);
}

/**
 * Distinct strings shaped like `token` (same length, random signature start), to push a full
 * decision cache through misses and evictions without signing thousands of tokens.
 */
function lookalikes(token: string, count: number): string[] {
  const dot = token.lastIndexOf('.') + 1;
  return Array.from({ length: count }, (_, index) => {
    const mark = `${index.toString(36)}-`.padStart(12, 'x');
    // Through JSON, so that each is one flat string as a parsed event's token is (a
    // concatenation would be flattened, that is copied, by the first search in it).
    return JSON.parse(JSON.stringify(`${token.slice(0, dot)}${mark}${token.slice(dot + mark.length)}`)) as string;
  });
}

/**
 * Measures each step over `tokens` tokens, `passes` times per round, `rounds` rounds.
 *
 * @example
 * const breakdown = await benchAuthorizerBreakdown({ tokens: 200, passes: 5, rounds: 5 });
 */
export async function benchAuthorizerBreakdown(
  options: { readonly tokens: number; readonly passes: number; readonly rounds: number },
  fixture: AuthorizerFixture = createAuthorizerFixture(),
): Promise<Breakdown> {
  const minted = mintTokens(fixture, options.tokens);
  const tokens = minted.map(({ token }) => token);
  const verifier = createBenchVerifier(fixture);
  // aws-jwt-verify alone, configured as `createVerifier` configures it but without its guarded
  // fetcher and expiring key cache.
  const { userPoolId, clientIds, machineClientIds: machineClients } = fixture.config;
  const library = CognitoJwtVerifier.create({ userPoolId, tokenUse: null, clientId: [...clientIds, ...machineClients] });
  library.cacheJwks(fixture.pool.jwks);
  const claims = tokens.map((token) => verifier.verifySync(token));
  const machineClientIds = new Set(fixture.config.machineClientIds);
  const toIdentity = (verified: (typeof claims)[number]) => identityFromClaims(verified, machineClientIds);
  const identities = claims.map(toIdentity);
  const payloads = tokens.map((token) => Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8'));
  // A full cache, then new tokens, each seen twice in a row: the first a miss that notes it,
  // the second a miss that inserts it and evicts the oldest entry.
  const cacheTokens = lookalikes(tokens[0] as string, DEFAULT_DECISION_CACHE_ENTRIES + options.tokens * options.passes);
  const missAndInsert = () => {
    const cache = createDecisionCache<object>({ maxEntries: DEFAULT_DECISION_CACHE_ENTRIES, ttlSeconds: 300, now: Date.now });
    const exp = Date.now() / 1000 + 3600;
    for (const token of cacheTokens.slice(0, DEFAULT_DECISION_CACHE_ENTRIES)) for (let seen = 0; seen < 2; seen += 1) cache.set(token, {}, exp);
    return cpuMicrosPerCall(cacheTokens.slice(DEFAULT_DECISION_CACHE_ENTRIES), 2, (token) => {
      if (cache.get(token) === undefined) cache.set(token, {}, exp);
    });
  };
  const steps: Record<string, () => number | Promise<number>> = {
    'crypto.verify (floor)': () => cpuMicrosPerCall(minted, options.passes, ({ token, publicKey }) => verifySignatureOnly(token, publicKey)),
    'verifier.verifySync (as the authorizer verifies)': () => cpuMicrosPerCall(tokens, options.passes, (token) => verifier.verifySync(token)),
    'aws-jwt-verify verifySync alone': () => cpuMicrosPerCall(tokens, options.passes, (token) => library.verifySync(token)),
    'aws-jwt-verify verify alone (async)': () => cpuMicrosPerAsyncCall(tokens, options.passes, (token) => library.verify(token)),
    'aws-jwt-verify decomposeUnverifiedJwt': () => cpuMicrosPerCall(tokens, options.passes, decomposeUnverifiedJwt),
    'aws-jwt-verify safeJsonParse (payload)': () => cpuMicrosPerCall(payloads, options.passes, safeJsonParse),
    'JSON.parse (payload)': () => cpuMicrosPerCall(payloads, options.passes, (payload) => JSON.parse(payload)),
    extractToken: () => cpuMicrosPerCall(tokens, options.passes, extractToken),
    identityFromClaims: () => cpuMicrosPerCall(claims, options.passes, toIdentity),
    toResolverContext: () => cpuMicrosPerCall(identities, options.passes, toResolverContext),
    deniedFields: () => cpuMicrosPerCall(identities, options.passes, deniedFields),
    'decision cache miss (first sighting, then insertion and eviction; full cache)': missAndInsert,
  };
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(steps).map((name) => [name, []]));
  for (let round = 0; round <= options.rounds; round += 1) {
    for (const [name, measure] of Object.entries(steps)) {
      const micros = await measure();
      // Round 0 warms up.
      if (round > 0) samples[name]?.push(micros);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, Number(median(values).toFixed(2))]));
}
