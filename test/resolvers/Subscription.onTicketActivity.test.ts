/**
 * `Subscription.onTicketActivity`: staff, whatever token they send, subscribe to every ticket's
 * events, with no filter.
 */
import { describe, expect, it } from 'vitest';
import { makeContext } from './make-context.ts';
import { runHandler } from './run-bundle.ts';
import { itAppliesTheSubscribeRule, itHasAnExpectationForEveryCaller, type SubscribeCase } from './subscribe-rule-cases.ts';
import { recordedExtensions, withSelection } from './subscription-support.ts';

const RESOLVER = 'Subscription.onTicketActivity.js';
const FIELD = 'Subscription.onTicketActivity';

// Written out from the rule table: agents and admins, whatever token they send.
const MAY_SUBSCRIBE: ReadonlyArray<SubscribeCase> = [
  ['customer', 'id', false],
  ['customer', 'access', false],
  ['customer', 'access-v2', false],
  ['other', 'id', false],
  ['other', 'access', false],
  ['other', 'access-v2', false],
  ['agent', 'id', true],
  ['agent', 'access', true],
  ['agent', 'access-v2', true],
  ['admin', 'id', true],
  ['admin', 'access', true],
  ['admin', 'access-v2', true],
  ['unverified', 'id', false],
  ['unverified', 'access', false],
  ['unverified', 'access-v2', false],
];

describe('Resolver: Subscription.onTicketActivity', () => {
  itHasAnExpectationForEveryCaller(MAY_SUBSCRIBE);

  itAppliesTheSubscribeRule({ bundle: RESOLVER, field: FIELD, args: null, cases: MAY_SUBSCRIBE, resultWhenAllowed: { payload: null } });

  it('lets staff select internalNotes, in a named fragment too', async () => {
    // Prepare
    const ctx = withSelection(makeContext({ field: FIELD, persona: 'agent', token: 'access' }), ['id', 'internalNotes', 'status'], '{\n  id\n  internalNotes\n  ...F\n}');

    // Act
    const outcome = await runHandler(RESOLVER, 'request', ctx);

    // Assess
    expect(outcome.error).toBeUndefined();
  });

  it('delivers every event: it sets no filter and returns null', async () => {
    // Prepare
    const ctx = makeContext({ field: FIELD, persona: 'admin', result: null });

    // Act
    const outcome = await runHandler(RESOLVER, 'response', ctx);
    const extensions = recordedExtensions(RESOLVER, 'response', ctx);

    // Assess
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toBeNull();
    expect(extensions).toEqual([]);
  });
});
