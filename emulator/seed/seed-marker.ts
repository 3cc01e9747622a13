/**
 * The record, in the data directory, that the example tickets were written. It is written only
 * after every write succeeded, and atomically (a scratch file renamed into place), so a start
 * that crashed half-way leaves no record and a finished one is never repeated.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The marker's name inside the data directory. */
export const SEED_MARKER_FILE = 'seed-tickets.done.json';

/** What the marker says. */
export interface SeedMarker {
  readonly seededAt: string;
  /** How many tickets were written; 0 when the helpdesk already had tickets and was left alone. */
  readonly tickets: number;
}

/**
 * Whether `dataDir` records a finished seed.
 *
 * @example
 * if (isSeeded('.data')) return;
 */
export function isSeeded(dataDir: string): boolean {
  return existsSync(join(dataDir, SEED_MARKER_FILE));
}

/**
 * Records a finished seed.
 *
 * @example
 * markSeeded('.data', { seededAt: new Date().toISOString(), tickets: 4 });
 */
export function markSeeded(dataDir: string, marker: SeedMarker): void {
  const path = join(dataDir, SEED_MARKER_FILE);
  const scratch = `${path}.${process.pid}.tmp`;
  writeFileSync(scratch, `${JSON.stringify(marker, null, 2)}\n`, { mode: 0o600 });
  renameSync(scratch, path);
}
