/**
 * What a successful `start` leaves behind: one subscription's field, the mutations that feed
 * it, its filters and how to render an event for this subscriber. Built by `subscribe-request.ts`,
 * kept by the registry, read by delivery.
 */
import type { AppSyncErrorEntry } from '../graphql/appsync-error.ts';
import type { SubscriptionFilter } from '../runtime/subscription-filter-rules.ts';

/** One live subscription's rules, fixed at `start` (the resolver runs once, never per event). */
export interface Registration {
  readonly kind: 'registration';
  /** The `Subscription` field, e.g. `onTicketUpdated`. */
  readonly subscriptionField: string;
  /** Its `@aws_subscribe(mutations: [...])`. */
  readonly mutations: readonly string[];
  /** What the resolver gave `extensions.setSubscriptionFilter`, or `null` when it set none. */
  readonly filter: SubscriptionFilter | null;
  /** What the resolver gave `extensions.setSubscriptionInvalidationFilter`, or `null`. */
  readonly invalidationFilter: SubscriptionFilter | null;
  /**
   * The subscription's non-null arguments: without a resolver filter, AppSync delivers only
   * events whose fields equal them (argument filtering). Ignored when `filter` is set.
   */
  readonly argumentValues: Readonly<Record<string, unknown>>;
  /** The `data` message payload for one event, shaped by this subscriber's selection set. */
  render(payload: unknown): { data: unknown; errors?: AppSyncErrorEntry[] };
  /**
   * Equal for subscriptions whose `render` gives the same output for every event (same schema,
   * document, operation, variables and denied fields): delivery renders an event once for them.
   */
  readonly renderKey: string;
}

/** A refused `start`: becomes the `error` message. */
export interface SubscribeError {
  readonly kind: 'error';
  readonly errorType: string;
  readonly message: string;
}

/** What `subscribe` is given for one `start`, once the caller is authorized. */
export interface SubscribeRequest {
  readonly query: string;
  readonly operationName: string | null;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly resolverContext: Readonly<Record<string, string>>;
  readonly deniedFields: ReadonlySet<string>;
  /** `ctx.request.headers`: the start's header object, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Registers one subscription: the registration, or why not. */
export type Subscribe = (request: SubscribeRequest) => Promise<Registration | SubscribeError>;

/** A publish event: one resolved root mutation field. */
export interface PublishEvent {
  readonly mutationField: string;
  /** The mutation's result as shaped by its own selection set (what AppSync publishes). */
  readonly payload: unknown;
  /** `extensions.invalidateSubscriptions(...)` calls of that mutation's resolver. */
  readonly invalidations: ReadonlyArray<{ readonly subscriptionField: string; readonly payload: unknown }>;
}
