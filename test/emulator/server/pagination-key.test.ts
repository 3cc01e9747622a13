import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPaginationKey } from '../../../emulator/dynamodb/pagination-key.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'pagination-key-'));

describe('Emulator: pagination key', () => {
  it('keeps one key per data directory, so nextTokens survive a restart', () => {
    // Prepare
    const [first, second] = [tempDir(), tempDir()];

    // Act
    const keys = [loadPaginationKey(first), loadPaginationKey(first), loadPaginationKey(second)];

    // Assess
    expect(keys[0]).toHaveLength(32);
    expect(keys[1]).toEqual(keys[0]);
    expect(keys[2]).not.toEqual(keys[0]);
    expect(statSync(join(first, 'pagination-key')).mode & 0o777).toBe(0o600);
  });

  it('makes a fresh key for an in-memory emulator', () => {
    expect(loadPaginationKey(null)).not.toEqual(loadPaginationKey(null));
  });

  it('refuses a key file that does not hold a 32-byte key, saying how to fix it', () => {
    // Prepare
    const dir = tempDir();
    writeFileSync(join(dir, 'pagination-key'), 'c2hvcnQ=');

    // Act
    const load = () => loadPaginationKey(dir);

    // Assess
    expect(load).toThrow(/does not hold a 32-byte key: delete it to make a new one/);
  });
});
