import { describe, expect, it } from 'vitest';
import { runHandler } from '../../../emulator/sandbox/handler-runner.ts';

// A subscription resolver as AppSync's guide writes one ("Enhanced subscription filtering"):
// a NONE data source, and a response handler that sets the filter and returns null. Run in
// the real sandbox realm, so the runtime's bundle, the realm's Error and the outcome's
// recorded extensions are all the real ones.

const SUBSCRIPTION_RESOLVER = [
  "import { util, extensions } from '@aws-appsync/utils';",
  'export function request(ctx) { return { payload: null }; }',
  'export function response(ctx) {',
  '  const filter = { severity: { ge: ctx.args.minSeverity }, or: [{ group: { eq: ctx.args.group } }, { assignee: { eq: ctx.identity.sub } }] };',
  '  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(filter));',
  "  extensions.setSubscriptionInvalidationFilter(util.transform.toSubscriptionFilter({ 'ticket.id': { eq: ctx.args.ticketId } }));",
  '  return null;',
  '}',
].join('\n');

const CONTEXT = JSON.stringify({ arguments: { minSeverity: 3, group: 'ops', ticketId: 't1' }, identity: { sub: 'u-1' } });

describe('Runtime: a subscription resolver in the sandbox', () => {
  it('records the filters it sets in the outcome, for the emulator to apply', () => {
    // Act
    const outcome = runHandler(SUBSCRIPTION_RESOLVER, 'response', CONTEXT);

    // Assess
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toBe('null');
    expect(outcome.extensions).toEqual([
      {
        name: 'setSubscriptionFilter',
        args: [
          {
            filterGroup: [
              {
                filters: [
                  { fieldName: 'severity', operator: 'ge', value: 3 },
                  { fieldName: 'group', operator: 'eq', value: 'ops' },
                ],
              },
              {
                filters: [
                  { fieldName: 'severity', operator: 'ge', value: 3 },
                  { fieldName: 'assignee', operator: 'eq', value: 'u-1' },
                ],
              },
            ],
          },
        ],
      },
      {
        name: 'setSubscriptionInvalidationFilter',
        args: [{ filterGroup: [{ filters: [{ fieldName: 'ticket.id', operator: 'eq', value: 't1' }] }] }],
      },
    ]);
  });

  it('fails the handler with a SubscriptionFilterError when a filter breaks a limit', () => {
    // Prepare: an argument the resolver did not expect leaves a filter value of the wrong type
    const context = JSON.stringify({ arguments: { minSeverity: true, group: 'ops', ticketId: 't1' }, identity: { sub: 'u-1' } });

    // Act
    const outcome = runHandler(SUBSCRIPTION_RESOLVER, 'response', context);

    // Assess
    expect(outcome.result).toBeUndefined();
    expect(outcome.error).toEqual({
      errorType: 'SubscriptionFilterError',
      message: 'extensions.setSubscriptionFilter: filterGroup[0].filters[0]: ge takes a number or string value, got the boolean true',
    });
    expect(outcome.extensions).toEqual([]);
  });

  it('fails a mutation handler past 5 distinct invalidations with an InvalidateSubscriptionsError', () => {
    // Prepare
    const code = [
      "import { extensions } from '@aws-appsync/utils';",
      'export function request(ctx) { return { payload: null }; }',
      'export function response(ctx) {',
      "  for (const id of ['1', '2', '3', '4', '5', '6']) extensions.invalidateSubscriptions({ subscriptionField: 'onTicketUpdated', payload: { id } });",
      '  return ctx.result;',
      '}',
    ].join('\n');

    // Act
    const outcome = runHandler(code, 'response', JSON.stringify({ result: { id: '1' } }));

    // Assess
    expect(outcome.error).toEqual({
      errorType: 'InvalidateSubscriptionsError',
      message: 'extensions.invalidateSubscriptions: at most 5 distinct invalidations may be made in one request',
    });
    expect(outcome.extensions).toHaveLength(5);
  });
});
