/**
 * Example tickets for a fresh helpdesk, written through the running emulator's own API.
 * - `seedTicketsOnce(options)`: for the composition root, once the emulator listens.
 */
export { SeedTicketsFileError, SeedTicketsWriteError } from './errors.ts';
export { seedTicketsOnce } from './seed-tickets.ts';
export type { SeedTicketsOptions, SeedTicketsResult } from './seed-tickets.ts';
export { DEFAULT_SEED_TICKETS_FILE } from './seed-ticket-file.ts';
export { SEED_MARKER_FILE } from './seed-marker.ts';
