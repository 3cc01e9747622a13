/**
 * Watch mode: when a source changes, run the project's build into the emulator's build folder,
 * then swap the result in. Rebuilds never overlap; a failed one is reported and the previous
 * build keeps serving.
 */
import { watchSources } from './watch-sources.ts';

/** What watch mode needs. */
export interface RebuildOptions {
  readonly projectRoot: string;
  readonly distDir: string;
  /** Loads the new build and swaps it in. */
  readonly reload: () => Promise<void>;
  readonly log: (line: string) => void;
  /** Builds into `distDir`; default the project's `build()` (`scripts/build.ts`). */
  readonly build?: (distDir: string) => Promise<unknown>;
}

async function projectBuild(distDir: string): Promise<unknown> {
  const { build } = await import('../../scripts/build.ts');
  return build({ outDir: distDir });
}

/** A running watch mode. */
export interface RebuildOnChange {
  /** Stops watching and waits for a rebuild in progress. */
  close(): Promise<void>;
}

/**
 * @example
 * const watch = rebuildOnChange({ projectRoot, distDir, reload, log: console.log });
 * await watch.close();
 */
export function rebuildOnChange(options: RebuildOptions): RebuildOnChange {
  let rebuilding: Promise<void> = Promise.resolve();
  const watcher = watchSources(options.projectRoot, (paths) => {
    rebuilding = rebuilding.then(async () => {
      const started = Date.now();
      try {
        await (options.build ?? projectBuild)(options.distDir);
        await options.reload();
        options.log(`rebuilt after changes to ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', …' : ''} in ${Date.now() - started} ms`);
      } catch (error) {
        options.log(`rebuild failed, still serving the previous build:\n${error instanceof Error ? error.message : String(error)}`);
      }
    });
  });
  return {
    async close() {
      watcher.close();
      await rebuilding;
    },
  };
}
