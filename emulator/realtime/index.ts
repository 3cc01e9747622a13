/**
 * The emulator's AppSync real-time endpoint: what the composition root wires.
 */
export { acceptedHosts } from './connection-header.ts';
export type { ResolvedMutationField } from './mutation-event.ts';
export { createRealtimePart, REALTIME_PATH, type RealtimePart, type RealtimePartOptions } from './realtime-part.ts';
export type { PublishEvent, Registration, SubscribeError, SubscribeRequest } from './registration.ts';
export { createSubscribe } from './subscribe-request.ts';
