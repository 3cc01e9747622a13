/**
 * The live subscriptions of every connection, indexed by mutation (for publishing) and by
 * subscription field (for invalidation). Insertion-ordered, so delivery order is stable.
 */
import type { Registration } from './registration.ts';

/** What the registry needs from a connection. */
export interface SubscriberConnection {
  /** Sends a text frame, unless the socket is closing. */
  send(frame: string): void;
  /** Ends subscription `id` for an invalidation: tells the client and closes the socket. */
  invalidate(id: string): void;
}

/** One live subscription. */
export interface LiveSubscription {
  readonly connection: SubscriberConnection;
  readonly id: string;
  readonly registration: Registration;
}

/** The registry. */
export interface SubscriptionRegistry {
  add(live: LiveSubscription): void;
  /** Removes one subscription; `false` when there was none. */
  remove(connection: SubscriberConnection, id: string): boolean;
  /** Removes every subscription of a connection (it closed). */
  removeConnection(connection: SubscriberConnection): void;
  /** The subscriptions a mutation feeds, in registration order. */
  fedBy(mutationField: string): LiveSubscription[];
  /** The subscriptions of one `Subscription` field, in registration order. */
  ofField(subscriptionField: string): LiveSubscription[];
}

/**
 * @example
 * const registry = createSubscriptionRegistry();
 * registry.add({ connection, id: 'a', registration });
 * registry.fedBy('updateTicket'); // [{ connection, id: 'a', registration }]
 */
export function createSubscriptionRegistry(): SubscriptionRegistry {
  const byConnection = new Map<SubscriberConnection, Map<string, LiveSubscription>>();
  const all = new Set<LiveSubscription>();

  return {
    add(live) {
      let ofConnection = byConnection.get(live.connection);
      if (ofConnection === undefined) byConnection.set(live.connection, (ofConnection = new Map()));
      ofConnection.set(live.id, live);
      all.add(live);
    },
    remove(connection, id) {
      const live = byConnection.get(connection)?.get(id);
      if (live === undefined) return false;
      byConnection.get(connection)?.delete(id);
      all.delete(live);
      return true;
    },
    removeConnection(connection) {
      for (const live of byConnection.get(connection)?.values() ?? []) all.delete(live);
      byConnection.delete(connection);
    },
    fedBy(mutationField) {
      return [...all].filter((live) => live.registration.mutations.includes(mutationField));
    },
    ofField(subscriptionField) {
      return [...all].filter((live) => live.registration.subscriptionField === subscriptionField);
    },
  };
}
