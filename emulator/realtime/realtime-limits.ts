/**
 * The numbers AppSync's real-time endpoint works with, in one place so the protocol, the
 * connection and delivery agree. The emulator's defaults; `createRealtimePart` can shorten the
 * two durations (tests, or trying reconnection logic).
 */

/** What `connection_ack` announces: how long a client waits for a `ka` before reconnecting. */
export const CONNECTION_TIMEOUT_MS = 300_000;

/** How often `ka` is sent: about every minute on AWS, well inside {@link CONNECTION_TIMEOUT_MS}. */
export const KEEP_ALIVE_INTERVAL_MS = 60_000;

/** AWS closes every real-time connection after 24 hours. */
export const MAX_CONNECTION_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Subscriptions one connection may hold; the next `start` gets an `error` (AWS quota, about 100). */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;

/**
 * Largest `data` message AppSync delivers (240 KB). A larger event is not delivered to that
 * subscriber; the subscription stays live. Client frames larger than this get an `error` frame.
 */
export const MAX_PAYLOAD_BYTES = 240 * 1024;

/**
 * Frames larger than this are not even read: the WebSocket library closes the socket (1009).
 * Between {@link MAX_PAYLOAD_BYTES} and this, the client gets an `error` frame instead.
 */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** How long a connection may stay open without `connection_init` (Amplify waits 15 s for the ack). */
export const CONNECTION_INIT_TIMEOUT_MS = 30_000;
