/**
 * The key that seals `nextToken`s: kept in the data directory, so that a client can page on
 * across a restart, or random for an in-memory emulator.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY_BYTES = 32;

/**
 * The data directory's pagination key, created on first use (exclusively, so that two
 * processes starting together agree), or a fresh one when `dataDir` is `null`.
 *
 * @example
 * const key = loadPaginationKey('.data');
 */
export function loadPaginationKey(dataDir: string | null): Buffer {
  if (dataDir === null) return randomBytes(KEY_BYTES);
  const path = join(dataDir, 'pagination-key');
  try {
    writeFileSync(path, randomBytes(KEY_BYTES).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${path} does not hold a ${KEY_BYTES}-byte key: delete it to make a new one.`);
  return key;
}
