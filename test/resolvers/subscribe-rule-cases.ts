/**
 * The cases every subscription resolver test writes against the rule table: a table of who may
 * subscribe (every persona with every token kind), checked to be complete, and each row run
 * through the field's resolver. The table itself stays in the test of its field (or of the
 * fields that share a rule); only the way of checking it is written here once.
 */
import { expect, it } from 'vitest';
import { makeContext, type PersonaName, type TokenKind } from './make-context.ts';
import { expectFieldError, runHandler } from './run-bundle.ts';

/** One row of a table of who may subscribe: the persona, the token it sends, whether it may. */
export type SubscribeCase = readonly [PersonaName, TokenKind, boolean];

/** Every persona with every token kind, for tables of who may subscribe. */
const EVERY_CALLER: ReadonlyArray<readonly [PersonaName, TokenKind]> = (['customer', 'other', 'agent', 'admin', 'unverified'] as const).flatMap(
  (persona) => (['id', 'access', 'access-v2'] as const).map((token) => [persona, token] as const),
);

/** A subscription field's rule, as its resolver's request handler applies it. */
export interface SubscribeRule {
  /** The built bundle whose `request` applies the rule, e.g. `Subscription.onTicketActivity.js`. */
  readonly bundle: string;
  /** The field, e.g. `Subscription.onTicketActivity`; the refusal names it. */
  readonly field: string;
  /** The subscription's arguments; `null` for a field that takes none. */
  readonly args: Readonly<Record<string, unknown>> | null;
  readonly cases: ReadonlyArray<SubscribeCase>;
  /** What `request` returns to a caller the rule lets in; `null` to leave the result unchecked. */
  readonly resultWhenAllowed: unknown;
}

/**
 * Registers a test that `cases` names every persona with every token kind, in `EVERY_CALLER`'s
 * order, so that no caller is left out of a table of who may subscribe.
 *
 * @example
 * itHasAnExpectationForEveryCaller(MAY_SUBSCRIBE);
 */
export function itHasAnExpectationForEveryCaller(cases: ReadonlyArray<readonly [PersonaName, TokenKind, ...boolean[]]>): void {
  it('has an expectation for every persona and token kind', () => {
    // Assess
    expect(cases.map(([persona, token]) => [persona, token])).toEqual(EVERY_CALLER);
  });
}

/**
 * Registers one test a row of `rule.cases`: the resolver's `request` lets the caller in, or
 * refuses it with `Unauthorized` naming the field.
 *
 * @example
 * itAppliesTheSubscribeRule({ bundle: 'Subscription.onTicketActivity.js', field: 'Subscription.onTicketActivity', args: null, cases: MAY_SUBSCRIBE, resultWhenAllowed: { payload: null } });
 */
export function itAppliesTheSubscribeRule(rule: SubscribeRule): void {
  const refusal = new RegExp(`Not Authorized to access ${rule.field.replace('.', '\\.')}`);
  it.each(rule.cases)('applies the rule to %s with the %s token (allowed: %s)', async (persona, token, allowed) => {
    // Prepare
    const ctx = makeContext({ field: rule.field, persona, token, ...(rule.args === null ? {} : { args: rule.args }) });

    // Act
    const outcome = await runHandler(rule.bundle, 'request', ctx);

    // Assess
    if (!allowed) {
      expectFieldError(outcome, 'Unauthorized', refusal);
      return;
    }
    expect(outcome.error).toBeUndefined();
    if (rule.resultWhenAllowed !== null) expect(outcome.result).toEqual(rule.resultWhenAllowed);
  });
}
