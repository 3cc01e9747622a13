/**
 * Where one live subscription stands, as a pure reducer over what its socket reports: the
 * handshake and `connection_ack`, `start_ack`, each `data` event (kept newest first), a
 * refusal, a stop, an invalidation, a close. The panel renders this state; nothing here
 * touches the socket.
 */
import type { ProtocolError, ServerFrame } from './realtime-frames.ts';

/** The connection's phase. */
export type SubscriptionPhase = 'connecting' | 'connected' | 'live' | 'stopping' | 'ended';

/** Why a subscription ended. */
export type SubscriptionEnd =
  | { readonly reason: 'stopped' }
  | { readonly reason: 'refused'; readonly scope: 'connection' | 'subscription'; readonly errors: readonly ProtocolError[] }
  /** The server ended it (an invalidation, e.g. the ticket was deleted) and closed the connection. */
  | { readonly reason: 'invalidated'; readonly message: string }
  | { readonly reason: 'closed'; readonly code: number; readonly detail: string };

/** One event received. */
export interface ReceivedEvent {
  /** Counts up from 1 in arrival order. */
  readonly sequence: number;
  /** Epoch milliseconds. */
  readonly receivedAt: number;
  /** The `data` frame's payload: `{ data: { <field>: … }, errors? }`. */
  readonly payload: unknown;
}

/** The state of one subscription. */
export interface SubscriptionState {
  readonly id: string;
  readonly phase: SubscriptionPhase;
  /** Newest first, at most {@link MAX_EVENTS_KEPT}. */
  readonly events: readonly ReceivedEvent[];
  readonly received: number;
  readonly keepAlives: number;
  readonly end: SubscriptionEnd | null;
}

/** What the socket reported. */
export type SubscriptionInput =
  | { readonly kind: 'frame'; readonly frame: ServerFrame; readonly at: number }
  | { readonly kind: 'stop-requested' }
  | { readonly kind: 'closed'; readonly code: number; readonly reason: string };

/** Older events are dropped past this many, so a busy subscription cannot grow the page without bound. */
export const MAX_EVENTS_KEPT = 50;

/**
 * The state of a subscription whose socket is being opened.
 *
 * @example
 * initialSubscriptionState('1').phase; // 'connecting'
 */
export function initialSubscriptionState(id: string): SubscriptionState {
  return { id, phase: 'connecting', events: [], received: 0, keepAlives: 0, end: null };
}

function ended(state: SubscriptionState, end: SubscriptionEnd): SubscriptionState {
  return { ...state, phase: 'ended', end };
}

function onFrame(state: SubscriptionState, frame: ServerFrame, at: number): SubscriptionState {
  switch (frame.type) {
    case 'connection_ack':
      return state.phase === 'connecting' ? { ...state, phase: 'connected' } : state;
    case 'ka':
      return { ...state, keepAlives: state.keepAlives + 1 };
    case 'start_ack':
      return frame.id === state.id && state.phase === 'connected' ? { ...state, phase: 'live' } : state;
    case 'data': {
      if (frame.id !== state.id) return state;
      const event: ReceivedEvent = { sequence: state.received + 1, receivedAt: at, payload: frame.payload };
      return { ...state, received: state.received + 1, events: [event, ...state.events].slice(0, MAX_EVENTS_KEPT) };
    }
    case 'error':
      // An error without an id answers a frame the server could not read: it ends nothing.
      return frame.id === state.id ? ended(state, { reason: 'refused', scope: 'subscription', errors: frame.errors }) : state;
    case 'connection_error':
      return ended(state, { reason: 'refused', scope: 'connection', errors: frame.errors });
    case 'complete':
      if (frame.id !== null && frame.id !== state.id) return state;
      return ended(state, frame.message === null ? { reason: 'stopped' } : { reason: 'invalidated', message: frame.message });
    case 'subscription_complete':
      return ended(state, { reason: 'invalidated', message: frame.message });
    case 'unknown':
      return state;
  }
}

/**
 * The next state.
 *
 * @example
 * let state = initialSubscriptionState('1');
 * state = reduceSubscription(state, { kind: 'frame', frame: readServerFrame(text), at: Date.now() });
 */
export function reduceSubscription(state: SubscriptionState, input: SubscriptionInput): SubscriptionState {
  if (state.phase === 'ended') return state;
  switch (input.kind) {
    case 'frame':
      return onFrame(state, input.frame, input.at);
    case 'stop-requested':
      return { ...state, phase: 'stopping' };
    case 'closed':
      // A close while stopping is the stop's own end (the server may close before `complete`).
      if (state.phase === 'stopping') return ended(state, { reason: 'stopped' });
      return ended(state, { reason: 'closed', code: input.code, detail: input.reason });
  }
}

/**
 * The phase in words, for the panel's connection line.
 *
 * @example
 * phaseText(initialSubscriptionState('1'), 'ws://localhost:4000/graphql/realtime'); // 'Connecting to ws://localhost:4000/graphql/realtime…'
 */
export function phaseText(state: SubscriptionState, url: string): string {
  switch (state.phase) {
    case 'connecting':
      return `Connecting to ${url}…`;
    case 'connected':
      return 'Connected (connection_ack); registering the subscription…';
    case 'live':
      return `Live (start_ack): ${state.received === 0 ? 'waiting for events' : `${state.received} event${state.received === 1 ? '' : 's'} received`}.`;
    case 'stopping':
      return 'Stopping (stop sent)…';
    case 'ended':
      return endText(state.end);
  }
}

function endText(end: SubscriptionEnd | null): string {
  if (end === null) return 'Ended.';
  switch (end.reason) {
    case 'stopped':
      return 'Stopped (complete); the connection is closed.';
    case 'refused':
      return end.scope === 'connection' ? 'Refused: the connection was not accepted (connection_error).' : 'Refused: the subscription was not registered (error).';
    case 'invalidated':
      return `Ended by the server ("${end.message}"): an invalidation, such as the ticket being deleted, ends the subscription and closes the connection.`;
    case 'closed':
      return `The connection closed (code ${end.code}${end.detail === '' ? '' : `: ${end.detail}`}).`;
  }
}
