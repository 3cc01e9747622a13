/**
 * Small JSON file helpers for the identity provider's data directory: atomic replacement
 * (write a temporary file, then rename) and exclusive creation (so two processes starting on
 * one data directory agree on one set of signing keys).
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Reads and parses a JSON file, or returns `null` when it does not exist.
 *
 * @example
 * const stored = readJsonFile(join(dir, 'users.json'));
 */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return JSON.parse(text) as unknown;
}

function writeTemporary(path: string, value: unknown): string {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  // Owner-only: these files hold private keys and password hashes.
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  return temporary;
}

/**
 * Replaces a JSON file atomically: readers see the old or the new content, never a torn write.
 *
 * @example
 * writeJsonFileAtomic(join(dir, 'users.json'), { users });
 */
export function writeJsonFileAtomic(path: string, value: unknown): void {
  const temporary = writeTemporary(path, value);
  renameSync(temporary, path);
}

/**
 * Creates a JSON file only if none exists yet. Returns `true` when this call created it, `false`
 * when another writer got there first (then read the existing file).
 *
 * @example
 * if (!createJsonFileExclusive(path, keys)) keys = parse(readJsonFile(path));
 */
export function createJsonFileExclusive(path: string, value: unknown): boolean {
  const temporary = writeTemporary(path, value);
  try {
    // link() fails with EEXIST instead of replacing, which rename() would do.
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}
