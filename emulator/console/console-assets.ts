/**
 * The built bundle, read into memory and re-read when a rebuild changes it on disk. A missing
 * bundle is built on first use, once, however many requests wait for it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildConsole, CONSOLE_FILES, isConsoleBuilt } from './build-console.ts';

/** One loaded bundle. */
export interface ConsoleAssets {
  /** A hash of both files, for cache-busting URLs. */
  readonly version: string;
  readonly files: ReadonlyMap<string, Buffer>;
}

/** Loads the bundle of one folder. */
export interface ConsoleAssetStore {
  /** The current bundle; builds it first when the folder has none. */
  current(): Promise<ConsoleAssets>;
}

function stamp(distDir: string): string {
  return CONSOLE_FILES.map((name) => {
    const stats = statSync(join(distDir, name));
    return `${stats.mtimeMs}:${stats.size}`;
  }).join('|');
}

function readAssets(distDir: string): ConsoleAssets {
  const hash = createHash('sha256');
  const files = new Map<string, Buffer>();
  for (const name of CONSOLE_FILES) {
    const content = readFileSync(join(distDir, name));
    hash.update(content);
    files.set(name, content);
  }
  return { version: hash.digest('hex').slice(0, 12), files };
}

/**
 * @example
 * const store = createConsoleAssetStore('dist/console');
 * const { files } = await store.current();
 */
export function createConsoleAssetStore(distDir: string): ConsoleAssetStore {
  let building: Promise<void> | null = null;
  let loaded: { stamp: string; assets: ConsoleAssets } | null = null;

  const ensureBuilt = async (): Promise<void> => {
    if (isConsoleBuilt(distDir)) return;
    building ??= buildConsole(distDir).then(
      () => undefined,
      (error: unknown) => {
        building = null;
        throw error;
      },
    );
    await building;
  };

  return {
    async current() {
      await ensureBuilt();
      const now = stamp(distDir);
      if (loaded === null || loaded.stamp !== now) loaded = { stamp: now, assets: readAssets(distDir) };
      return loaded.assets;
    },
  };
}
