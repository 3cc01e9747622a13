/**
 * Delivery: a resolved mutation's published payload goes to every subscription it feeds whose
 * filter passes, shaped by that subscriber's selection set with its denied fields nulled; then
 * the mutation's invalidations end the subscriptions whose invalidation filter passes.
 *
 * Everything here is synchronous, so events reach each subscription in mutation order, once.
 */
import { serverMessage } from './protocol-messages.ts';
import type { PublishEvent, Registration } from './registration.ts';
import { MAX_PAYLOAD_BYTES } from './realtime-limits.ts';
import { matchesSubscriptionFilter } from './subscription-filter.ts';
import type { SubscriptionRegistry } from './subscription-registry.ts';

/** What delivery needs. */
export interface DeliveryServices {
  readonly registry: SubscriptionRegistry;
  /** Server-side diagnostics; never payloads or tokens. */
  readonly log: (line: string) => void;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Without a resolver filter, AppSync's argument filtering: each given argument equals the payload's field. */
function passes(registration: Registration, payload: unknown): boolean {
  if (registration.filter !== null) return matchesSubscriptionFilter(registration.filter, payload);
  const argumentNames = Object.keys(registration.argumentValues);
  if (argumentNames.length === 0) return true;
  if (!isRecord(payload)) return false;
  return argumentNames.every((name) => JSON.stringify(payload[name] ?? null) === JSON.stringify(registration.argumentValues[name]));
}

/**
 * Creates the publish entry point.
 *
 * @example
 * const publish = createPublisher({ registry, log: console.error });
 * publish({ mutationField: 'updateTicket', payload: { id: 't1', status: 'OPEN' }, invalidations: [] });
 */
export function createPublisher(services: DeliveryServices): (event: PublishEvent) => void {
  return (event) => {
    if (event.payload !== null && event.payload !== undefined) {
      // Subscribers of the same document, variables and denied fields get the same rendering:
      // shaped once per event, not once per subscriber.
      const renderings = new Map<string, ReturnType<Registration['render']>>();
      for (const live of services.registry.fedBy(event.mutationField)) {
        if (!passes(live.registration, event.payload)) continue;
        let rendering = renderings.get(live.registration.renderKey);
        if (rendering === undefined) renderings.set(live.registration.renderKey, (rendering = live.registration.render(event.payload)));
        const frame = serverMessage.data(live.id, rendering);
        if (Buffer.byteLength(frame) > MAX_PAYLOAD_BYTES) {
          // AppSync does not deliver events over 240 KB; the subscription stays live.
          services.log(`realtime: ${event.mutationField} event over ${MAX_PAYLOAD_BYTES} bytes not delivered to ${live.registration.subscriptionField}`);
          continue;
        }
        live.connection.send(frame);
      }
    }
    for (const invalidation of event.invalidations) {
      for (const live of services.registry.ofField(invalidation.subscriptionField)) {
        const filter = live.registration.invalidationFilter;
        // Only subscriptions that set an invalidation filter can be invalidated.
        if (filter !== null && matchesSubscriptionFilter(filter, invalidation.payload)) live.connection.invalidate(live.id);
      }
    }
  };
}
