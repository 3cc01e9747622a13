/**
 * Authorizer throughput: decisions per second of the real handler on unique tokens (every one
 * verified) and on repeated tokens (decision cache hits), side by side with the RS256 floor, the
 * `jose` and `jsonwebtoken` authorizers, aws-jwt-verify alone, and the proposed sync-first path.
 */
import type { AuthorizerAnswer } from '../authorizer/authorizer.ts';
import {
  createAuthorizerFixture,
  createBenchHandler,
  createBenchVerifier,
  eventFor,
  mintTokens,
  type AuthorizerFixture,
  type Handler,
} from './authorizer-fixtures.ts';
import { figure, type Figure } from './figures.ts';
import { createJoseAuthorizer, createJsonwebtokenAuthorizer, syncFirstVerifier, verifySignatureOnly } from './reference-authorizers.ts';
import { medianRate, medianRatio, runSideBySide, type Contender, type SideBySideResult } from './side-by-side.ts';

/** Sizes of the authorizer throughput run. */
export interface ThroughputOptions {
  /** Unique tokens minted; each contender verifies all of them per repetition. */
  readonly tokens: number;
  readonly repetitions: number;
  /** Distinct tokens replayed for the decision-cache figure. */
  readonly repeatedTokens: number;
  /** How many times they are replayed per repetition. */
  readonly repeatedPasses: number;
}

/**
 * Throughput figures and the medians behind them. Figures count decisions per second of this
 * process's CPU time, which other processes on a shared machine disturb far less than wall-clock
 * time; on an idle core the two agree. Wall-clock medians and ratios are kept alongside.
 */
export interface ThroughputResult {
  readonly figures: Figure[];
  readonly medians: Readonly<Record<string, number>>;
  readonly ratiosToFloor: Readonly<Record<string, number>>;
  readonly wallClockMedians: Readonly<Record<string, number>>;
  readonly wallClockRatiosToFloor: Readonly<Record<string, number>>;
  readonly options: ThroughputOptions;
  readonly raw: SideBySideResult;
}

const LABELS = {
  floor: 'Floor: bare crypto.verify (RS256)',
  ours: 'Authorizer handler, unique tokens (cache off)',
  oursDeployed: 'Authorizer handler as deployed (cache on), unique tokens: all misses',
  oursSyncFirst: 'Same handler with the proposed sync-first verify',
  jose: 'Reference authorizer on jose',
  jsonwebtoken: 'Reference authorizer on jsonwebtoken + PEM',
  libraryVerify: 'aws-jwt-verify verify() alone (async)',
  libraryVerifySync: 'aws-jwt-verify verifySync() alone',
  repeated: 'Authorizer handler, repeated tokens (cache hits)',
} as const;

type ContenderId = keyof typeof LABELS;

/**
 * A contender that awaits the handler on every event and insists every decision is a grant.
 * Given a factory, it makes a fresh handler before every run, so that its cache has seen none
 * of the tokens; `warmUp` tokens (not among those timed) import the keys first.
 */
function handlerContender(id: ContenderId, source: Handler | { create: () => Handler; warmUp: readonly string[] }, tokens: readonly string[]): Contender {
  const events = tokens.map(eventFor);
  let handler = typeof source === 'function' ? source : source.create();
  return {
    id,
    operations: events.length,
    async prepare() {
      if (typeof source === 'function') return;
      handler = source.create();
      for (const token of source.warmUp) await handler(eventFor(token));
    },
    async run() {
      let refused = 0;
      for (const event of events) {
        const answer: AuthorizerAnswer = await handler(event);
        if (!answer.isAuthorized) refused += 1;
      }
      // A benchmark of refusals would measure the wrong thing.
      if (refused > 0) throw new Error(`${LABELS[id]} refused ${refused} valid tokens`);
    },
  };
}

function contenders(fixture: AuthorizerFixture, options: ThroughputOptions): Contender[] {
  const minted = mintTokens(fixture.pool, options.tokens);
  const tokens = minted.map(({ token }) => token);
  const verifier = createBenchVerifier(fixture);
  const repeatedTokens = tokens.slice(0, Math.min(options.repeatedTokens, tokens.length));
  const replayed = Array.from({ length: options.repeatedPasses }, () => repeatedTokens).flat();
  return [
    {
      id: 'floor',
      operations: minted.length,
      run() {
        for (const token of minted) if (!verifySignatureOnly(token)) throw new Error('the floor refused a valid signature');
      },
    },
    handlerContender('ours', createBenchHandler(fixture, { cacheEntries: 0 }), tokens),
    handlerContender('oursDeployed', { create: () => createBenchHandler(fixture), warmUp: mintTokens(fixture.pool, 2).map(({ token }) => token) }, tokens),
    handlerContender('oursSyncFirst', createBenchHandler(fixture, { cacheEntries: 0, verifier: syncFirstVerifier(createBenchVerifier(fixture)) }), tokens),
    handlerContender('jose', createJoseAuthorizer(fixture), tokens),
    handlerContender('jsonwebtoken', createJsonwebtokenAuthorizer(fixture), tokens),
    {
      id: 'libraryVerify',
      operations: tokens.length,
      async run() {
        for (const token of tokens) await verifier.verify(token);
      },
    },
    {
      id: 'libraryVerifySync',
      operations: tokens.length,
      run() {
        for (const token of tokens) verifier.verifySync(token);
      },
    },
    // The deployed composition: default decision cache, filled by the warm-up round.
    handlerContender('repeated', createBenchHandler(fixture), replayed),
  ];
}

/**
 * Runs the authorizer throughput benchmarks.
 *
 * @example
 * const { figures } = await benchAuthorizerThroughput({ tokens: 2000, repetitions: 7, repeatedTokens: 200, repeatedPasses: 50 });
 */
export async function benchAuthorizerThroughput(
  options: ThroughputOptions,
  fixture: AuthorizerFixture = createAuthorizerFixture(),
): Promise<ThroughputResult> {
  const result = await runSideBySide(contenders(fixture, options), options.repetitions);
  const ids = Object.keys(LABELS) as ContenderId[];
  const per = (compute: (id: ContenderId) => number) => Object.fromEntries(ids.map((id) => [id, compute(id)])) as Record<ContenderId, number>;
  const medians = per((id) => medianRate(result, id, 'cpu'));
  const ratiosToFloor = per((id) => medianRatio(result, id, 'floor', 'cpu'));
  const ratio = (id: ContenderId, referenceId: ContenderId) => medianRatio(result, id, referenceId, 'cpu');
  const unit = 'decisions/CPU-s';
  const wall = (id: ContenderId, referenceId: ContenderId) => `wall-clock ${medianRatio(result, id, referenceId, 'wall').toFixed(2)}×`;
  const floorRef = (id: ContenderId) => ({ label: LABELS.floor, ratio: ratiosToFloor[id] });
  const figures: Figure[] = [
    figure({
      id: 'authorizer.unique.vsFloor',
      label: LABELS.ours,
      value: medians.ours,
      unit,
      reference: floorRef('ours'),
      goal: { on: 'ratio', op: '>=', target: 0.6 },
      note: wall('ours', 'floor'),
    }),
    figure({
      id: 'authorizer.unique.vsJose',
      label: LABELS.ours,
      value: medians.ours,
      unit,
      reference: { label: LABELS.jose, ratio: ratio('ours', 'jose') },
      goal: { on: 'ratio', op: '>=', target: 2.5 },
      note: wall('ours', 'jose'),
    }),
    figure({
      id: 'authorizer.repeated.vsFloor',
      label: LABELS.repeated,
      value: medians.repeated,
      unit,
      reference: floorRef('repeated'),
      goal: { on: 'ratio', op: '>=', target: 10 },
      note: wall('repeated', 'floor'),
    }),
    figure({
      id: 'diagnostic.deployedUnique',
      label: LABELS.oursDeployed,
      value: medians.oursDeployed,
      unit,
      reference: floorRef('oursDeployed'),
      note: `${ratio('oursDeployed', 'jose').toFixed(2)}× the jose authorizer; the cost of filling the decision cache`,
    }),
    figure({ id: 'reference.floor', label: LABELS.floor, value: medians.floor, unit }),
    figure({ id: 'reference.jose', label: LABELS.jose, value: medians.jose, unit, reference: floorRef('jose'), note: wall('jose', 'floor') }),
    figure({ id: 'reference.jsonwebtoken', label: LABELS.jsonwebtoken, value: medians.jsonwebtoken, unit, reference: floorRef('jsonwebtoken') }),
    figure({ id: 'diagnostic.libraryVerify', label: LABELS.libraryVerify, value: medians.libraryVerify, unit, reference: floorRef('libraryVerify') }),
    figure({ id: 'diagnostic.libraryVerifySync', label: LABELS.libraryVerifySync, value: medians.libraryVerifySync, unit, reference: floorRef('libraryVerifySync') }),
    figure({
      id: 'proposal.syncFirst.vsFloor',
      label: LABELS.oursSyncFirst,
      value: medians.oursSyncFirst,
      unit,
      reference: floorRef('oursSyncFirst'),
      note: `not deployed; ${ratio('oursSyncFirst', 'jose').toFixed(2)}× the jose authorizer, ${ratio('oursSyncFirst', 'ours').toFixed(2)}× the current handler`,
    }),
  ];
  return {
    figures,
    medians,
    ratiosToFloor,
    wallClockMedians: per((id) => medianRate(result, id, 'wall')),
    wallClockRatiosToFloor: per((id) => medianRatio(result, id, 'floor', 'wall')),
    options,
    raw: result,
  };
}
