/**
 * The subscription half of `extensions`: `setSubscriptionFilter`,
 * `setSubscriptionInvalidationFilter` and `invalidateSubscriptions`. Each checks its argument
 * when the resolver calls it (so a bad filter fails the handler, in the emulator and in
 * `evaluateCode` alike) and records the checked copy in `session.extensions` as
 * `{ name, args: [argument] }`, for the emulator to apply.
 *
 * Which handler may call which (filters in a subscription's `response`, invalidations in a
 * mutation's `response`) is the emulator's to enforce: the runtime does not know the field.
 */
import type { EvaluationSession } from './contract.ts';
import { isPlainObject, toJsonValue } from './json-value.ts';
import { validateSubscriptionFilter } from './subscription-filter-rules.ts';

/** Distinct `invalidateSubscriptions` calls one request may make (AppSync's limit). */
export const MAX_INVALIDATIONS_PER_REQUEST = 5;

/**
 * A misused `extensions.invalidateSubscriptions`: a malformed argument, or more distinct calls
 * than AppSync allows. AppSync answers the latter with a GraphQL error whose wording it does
 * not document; the message and `errorType` (`InvalidateSubscriptionsError`) are the emulator's.
 *
 * @example
 * ```ts
 * if (error instanceof InvalidateSubscriptionsError) reportFieldError(error.message);
 * ```
 */
export class InvalidateSubscriptionsError extends Error {
  override readonly name = 'InvalidateSubscriptionsError';
}

/** The three subscription extensions. */
export interface SubscriptionExtensions {
  setSubscriptionFilter(filter: unknown): void;
  setSubscriptionInvalidationFilter(filter: unknown): void;
  invalidateSubscriptions(invalidation: unknown): void;
}

/**
 * The subscription extensions over the session `session()` returns at each call.
 *
 * @example
 * ```ts
 * const { setSubscriptionFilter } = createSubscriptionExtensions(() => session);
 * setSubscriptionFilter({ filterGroup: [{ filters: [{ fieldName: 'group', operator: 'eq', value: 'ops' }] }] });
 * session.extensions; // [{ name: 'setSubscriptionFilter', args: [{ filterGroup: [...] }] }]
 * ```
 */
export function createSubscriptionExtensions(session: () => EvaluationSession): SubscriptionExtensions {
  const setFilter =
    (name: 'setSubscriptionFilter' | 'setSubscriptionInvalidationFilter') =>
    (filter: unknown): void => {
      const checked = validateSubscriptionFilter(toJsonValue(filter), `extensions.${name}`);
      session().extensions.push({ name, args: [checked] });
    };
  return {
    setSubscriptionFilter: setFilter('setSubscriptionFilter'),
    setSubscriptionInvalidationFilter: setFilter('setSubscriptionInvalidationFilter'),
    invalidateSubscriptions(invalidation: unknown): void {
      const value = toJsonValue(invalidation);
      const subscriptionField = isPlainObject(value) ? value['subscriptionField'] : undefined;
      const payload = isPlainObject(value) ? value['payload'] : undefined;
      if (typeof subscriptionField !== 'string' || subscriptionField.length === 0 || !isPlainObject(payload)) {
        throw new InvalidateSubscriptionsError(
          'extensions.invalidateSubscriptions: expected { subscriptionField: "<subscription field name>", payload: { ... } }',
        );
      }
      const checked = { subscriptionField, payload };
      const { extensions } = session();
      // AppSync counts distinct calls: repeating an identical invalidation costs nothing.
      const key = JSON.stringify(checked);
      const distinct = new Set(
        extensions.filter((call) => call.name === 'invalidateSubscriptions').map((call) => JSON.stringify(call.args[0])),
      );
      if (distinct.has(key)) return;
      if (distinct.size >= MAX_INVALIDATIONS_PER_REQUEST) {
        throw new InvalidateSubscriptionsError(
          `extensions.invalidateSubscriptions: at most ${MAX_INVALIDATIONS_PER_REQUEST} distinct invalidations may be made in one request`,
        );
      }
      extensions.push({ name: 'invalidateSubscriptions', args: [checked] });
    },
  };
}
