/**
 * Authorizer throughput as deployed: decisions per second of the built bundle, imported as
 * Lambda imports it and configured only through its environment, side by side with the RS256
 * floor and the `jose` and `jsonwebtoken` authorizers, all on the same pool of unique
 * Cognito-shaped tokens (ID, access and machine access tokens). The pool is larger than the
 * decision cache, so with the cache on (`AUTH_TTL_SECONDS=300`, as the stack deploys it) every
 * decision misses, inserts and evicts, as in a busy container; the same bundle with
 * `AUTH_TTL_SECONDS=0` shows what the cache costs, and a replay of a few tokens what it saves.
 */
import type { KeyObject } from 'node:crypto';
import type { AuthorizerEvent } from '../authorizer/authorizer.ts';
import { DEFAULT_DECISION_CACHE_ENTRIES } from '../authorizer/decision-cache.ts';
import { createAuthorizerFixture, lambdaEventTexts, mintTokens, type AuthorizerFixture, type Handler } from './authorizer-fixtures.ts';
import { importDeployedHandler } from './deployed-authorizer.ts';
import { figure, type Figure } from './figures.ts';
import { createJoseAuthorizer, createJsonwebtokenAuthorizer, verifySignatureOnly } from './reference-authorizers.ts';
import { medianRatio, medianRate, runSideBySide, withoutBaseline, type Contender, type SideBySideResult } from './side-by-side.ts';
import { median } from './stats.ts';

/** Sizes of the authorizer throughput run. */
export interface ThroughputOptions {
  /** Unique tokens minted; each contender decides all of them once per repetition. */
  readonly tokens: number;
  readonly repetitions: number;
  /** Distinct tokens replayed for the decision-cache figure. */
  readonly repeatedTokens: number;
  /** How many times they are replayed per repetition. */
  readonly repeatedPasses: number;
}

/**
 * The unique-token pool `npm run bench` uses: well over the decision cache's bound, so that
 * between two visits of a token more than the cache holds has been inserted after it.
 */
export const DEPLOYED_POOL_TOKENS = 2 * DEFAULT_DECISION_CACHE_ENTRIES + 2_000;

/**
 * Throughput figures and the medians behind them, event parsing taken off. Figures count
 * decisions per second of this process's CPU time (all threads, so the garbage collector's helpers count too), which other
 * processes on a shared machine disturb far less than wall-clock time; on an idle core the two
 * agree. Wall-clock medians and ratios are kept alongside.
 */
export interface ThroughputResult {
  readonly figures: Figure[];
  readonly medians: Readonly<Record<string, number>>;
  readonly ratiosToFloor: Readonly<Record<string, number>>;
  readonly wallClockMedians: Readonly<Record<string, number>>;
  readonly wallClockRatiosToFloor: Readonly<Record<string, number>>;
  /** What the decision cache costs per miss and saves per hit (CPU µs, medians of per-round differences). */
  readonly decisionCache: {
    readonly costPerMissMicros: number;
    readonly savingPerHitMicros: number;
    /** The share of decisions that must be hits for the cache to pay for itself. */
    readonly breakEvenHitRate: number;
  };
  /** CPU µs to parse one event, taken off every other contender (median). */
  readonly eventParseCpuMicros: number;
  /** How many of the pool's tokens are of each kind. */
  readonly pool: Readonly<Record<string, number>>;
  readonly options: ThroughputOptions;
  /** Rates as measured, event parsing included (the `parse` row is that alone). */
  readonly raw: SideBySideResult;
}

const LABELS = {
  floor: 'Floor: bare crypto.verify (RS256)',
  deployed: 'Authorizer as deployed (built bundle, cache on), unique tokens',
  deployedCacheOff: 'Authorizer as deployed with AUTH_TTL_SECONDS=0 (cache off), unique tokens',
  jose: 'Reference authorizer on jose',
  jsonwebtoken: 'Reference authorizer on jsonwebtoken + PEM',
  repeated: 'Authorizer as deployed, repeated tokens (cache hits)',
} as const;

type ContenderId = keyof typeof LABELS;

/** Fewest event parses per round behind the `parse` baseline. */
const MIN_BASELINE_PARSES = 4_000;

/** The goal of the as-deployed figure, and the moonshot beyond it. */
const DEPLOYED_GOAL = 0.6;
const DEPLOYED_MOONSHOT = 0.75;

/**
 * A contender that awaits the handler on every event and insists every decision is a grant.
 * For unique tokens it parses each event from its JSON text just before deciding it, as the
 * Lambda runtime does for every invocation (fresh strings that die young unless the cache keeps
 * them; the `parse` baseline takes that time off again). For replayed tokens, whose decisions
 * cost a fraction of a parse, each distinct event is parsed once before the timed run instead
 * and then decided `passes` times: new strings every round (the cache holds those of an earlier
 * one), as few as a just-parsed event's, and as warm in the processor's caches. `fresh` imports
 * a new instance before every run, for a pool too small to keep the cache from answering.
 */
function handlerContender(
  id: ContenderId,
  texts: readonly string[],
  handler: () => Promise<Handler>,
  options: { readonly fresh: boolean; readonly parse: 'in the run' | 'before the run'; readonly passes?: number },
): Contender {
  const passes = options.passes ?? 1;
  let current: Handler | undefined;
  let parsed: AuthorizerEvent[] = [];
  const insist = (refused: number) => {
    // A benchmark of refusals would measure the wrong thing.
    if (refused > 0) throw new Error(`${LABELS[id]} refused ${refused} valid tokens`);
  };
  return {
    id,
    operations: texts.length * passes,
    async prepare() {
      if (current === undefined || options.fresh) current = await handler();
      if (options.parse === 'before the run') parsed = texts.map((text) => JSON.parse(text) as AuthorizerEvent);
    },
    async run() {
      const decide = current as Handler;
      let refused = 0;
      for (let pass = 0; pass < passes; pass += 1) {
        if (options.parse === 'in the run') {
          for (const text of texts) if (!(await decide(JSON.parse(text) as AuthorizerEvent)).isAuthorized) refused += 1;
        } else {
          for (const event of parsed) if (!(await decide(event)).isAuthorized) refused += 1;
        }
      }
      insist(refused);
    },
  };
}

/** Per-round differences of CPU microseconds per decision, `id` minus `referenceId`. */
function medianMicrosDifference(result: SideBySideResult, id: ContenderId, referenceId: ContenderId): number {
  const rates = result.cpuRates[id] ?? [];
  const references = result.cpuRates[referenceId] ?? [];
  return median(rates.map((rate, round) => 1e6 / rate - 1e6 / (references[round] ?? Number.NaN)));
}

/**
 * Runs the authorizer throughput benchmarks against the bundle at `bundlePath`.
 *
 * @example
 * const { figures } = await benchAuthorizerThroughput({ tokens: 12_000, repetitions: 7, repeatedTokens: 200, repeatedPasses: 60 }, bundle);
 */
export async function benchAuthorizerThroughput(
  options: ThroughputOptions,
  bundlePath: string,
  fixture: AuthorizerFixture = createAuthorizerFixture(),
): Promise<ThroughputResult> {
  const minted = mintTokens(fixture, options.tokens);
  const tokens = minted.map(({ token }) => token);
  const texts = lambdaEventTexts(tokens);
  const repeatedTexts = lambdaEventTexts(tokens.slice(0, Math.min(options.repeatedTokens, tokens.length)));
  // With a pool the cache can hold, a kept instance would answer from memory from round two on.
  const fresh = tokens.length <= DEFAULT_DECISION_CACHE_ENTRIES;
  const deployed = () => importDeployedHandler(bundlePath, fixture.env);
  const deployedCacheOff = () => importDeployedHandler(bundlePath, { ...fixture.env, AUTH_TTL_SECONDS: '0' });
  const jose = createJoseAuthorizer(fixture);
  const jsonwebtoken = createJsonwebtokenAuthorizer(fixture);
  const publicKeys = minted.map(({ publicKey }) => publicKey);
  const repeatedHandler = await deployed();
  let parsed: unknown;
  const parsePasses = Math.max(1, Math.ceil(MIN_BASELINE_PARSES / texts.length));
  const contenders: Contender[] = [
    {
      // At least a few thousand parses, so that a small pool still gets a steady estimate.
      id: 'parse',
      operations: texts.length * parsePasses,
      run() {
        for (let pass = 0; pass < parsePasses; pass += 1) for (const text of texts) parsed = JSON.parse(text);
      },
    },
    {
      id: 'floor',
      operations: texts.length,
      run() {
        for (let index = 0; index < texts.length; index += 1) {
          const event = JSON.parse(texts[index] as string) as AuthorizerEvent;
          if (!verifySignatureOnly(event.authorizationToken as string, publicKeys[index] as KeyObject)) throw new Error('the floor refused a valid signature');
        }
      },
    },
    handlerContender('deployed', texts, deployed, { fresh, parse: 'in the run' }),
    handlerContender('deployedCacheOff', texts, deployedCacheOff, { fresh: false, parse: 'in the run' }),
    handlerContender('jose', texts, async () => jose, { fresh: false, parse: 'in the run' }),
    handlerContender('jsonwebtoken', texts, async () => jsonwebtoken, { fresh: false, parse: 'in the run' }),
    // One instance throughout: the warm-up round fills its cache, every timed decision hits.
    handlerContender('repeated', repeatedTexts, async () => repeatedHandler, { fresh: false, parse: 'before the run', passes: options.repeatedPasses }),
  ];
  const raw = await runSideBySide(contenders, options.repetitions);
  if (parsed === undefined) throw new Error('the parse baseline did not run');
  // Every contender parsed its events; the baseline takes that time off again.
  const result = withoutBaseline(raw, 'parse', ['floor', 'deployed', 'deployedCacheOff', 'jose', 'jsonwebtoken']);

  const ids = Object.keys(LABELS) as ContenderId[];
  const per = (compute: (id: ContenderId) => number) => Object.fromEntries(ids.map((id) => [id, compute(id)])) as Record<ContenderId, number>;
  const medians = per((id) => medianRate(result, id, 'cpu'));
  const ratiosToFloor = per((id) => medianRatio(result, id, 'floor', 'cpu'));
  const ratio = (id: ContenderId, referenceId: ContenderId) => medianRatio(result, id, referenceId, 'cpu');
  const wall = (id: ContenderId, referenceId: ContenderId) => `wall-clock ${medianRatio(result, id, referenceId, 'wall').toFixed(2)}×`;
  const floorRef = (id: ContenderId) => ({ label: LABELS.floor, ratio: ratiosToFloor[id] });
  const unit = 'decisions/CPU-s';
  const costPerMissMicros = medianMicrosDifference(result, 'deployed', 'deployedCacheOff');
  const savingPerHitMicros = medianMicrosDifference(result, 'deployedCacheOff', 'repeated');
  const breakEvenHitRate = Math.max(0, costPerMissMicros) / (savingPerHitMicros + Math.max(0, costPerMissMicros));
  const pool = Object.fromEntries(['id', 'access', 'machine'].map((kind) => [kind, minted.filter((token) => token.kind === kind).length]));
  const poolText = `${tokens.length} unique tokens (${pool.id} ID, ${pool.access} access, ${pool.machine} machine)`;

  const figures: Figure[] = [
    figure({
      id: 'authorizer.deployed.vsFloor',
      label: LABELS.deployed,
      value: medians.deployed,
      unit,
      reference: floorRef('deployed'),
      goal: { on: 'ratio', op: '>=', target: DEPLOYED_GOAL },
      note:
        `moonshot ${DEPLOYED_MOONSHOT} (${ratiosToFloor.deployed >= DEPLOYED_MOONSHOT ? 'reached' : 'not reached'}); ${wall('deployed', 'floor')}; ` +
        `${poolText}, more than the ${DEFAULT_DECISION_CACHE_ENTRIES} the cache holds: every decision misses, inserts and evicts`,
    }),
    figure({
      id: 'authorizer.deployed.vsJose',
      label: LABELS.deployed,
      value: medians.deployed,
      unit,
      reference: { label: LABELS.jose, ratio: ratio('deployed', 'jose') },
      goal: { on: 'ratio', op: '>=', target: 2.5 },
      note: wall('deployed', 'jose'),
    }),
    figure({
      id: 'authorizer.repeated.vsFloor',
      label: LABELS.repeated,
      value: medians.repeated,
      unit,
      reference: floorRef('repeated'),
      goal: { on: 'ratio', op: '>=', target: 10 },
      note: `${repeatedTexts.length} tokens replayed ${options.repeatedPasses} times, each event parsed once per round before it; ${wall('repeated', 'floor')}`,
    }),
    figure({
      id: 'diagnostic.deployedCacheOff',
      label: LABELS.deployedCacheOff,
      value: medians.deployedCacheOff,
      unit,
      reference: floorRef('deployedCacheOff'),
      note:
        `the cache costs ${costPerMissMicros.toFixed(2)} µs CPU per miss and saves ${savingPerHitMicros.toFixed(1)} µs per hit: ` +
        `it pays for itself above ${(breakEvenHitRate * 100).toFixed(1)} % hits`,
    }),
    figure({ id: 'reference.floor', label: LABELS.floor, value: medians.floor, unit, note: 'the same tokens, the same fresh strings' }),
    figure({ id: 'reference.jose', label: LABELS.jose, value: medians.jose, unit, reference: floorRef('jose'), note: wall('jose', 'floor') }),
    figure({ id: 'reference.jsonwebtoken', label: LABELS.jsonwebtoken, value: medians.jsonwebtoken, unit, reference: floorRef('jsonwebtoken') }),
  ];
  return {
    figures,
    medians,
    ratiosToFloor,
    wallClockMedians: per((id) => medianRate(result, id, 'wall')),
    wallClockRatiosToFloor: per((id) => medianRatio(result, id, 'floor', 'wall')),
    decisionCache: { costPerMissMicros, savingPerHitMicros, breakEvenHitRate },
    eventParseCpuMicros: 1e6 / medianRate(raw, 'parse', 'cpu'),
    pool,
    options,
    raw,
  };
}
