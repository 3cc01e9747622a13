/**
 * Watches the sources the emulator runs (`resolvers/`, `authorizer/`, `triggers/`, `policy/`,
 * `schema.graphql`) and calls `onChange` once per burst of changes (debounced). Generated files
 * are ignored: the build writes them, and reacting to them would rebuild forever.
 */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** A running watcher. */
export interface SourceWatcher {
  close(): void;
}

const IGNORED = /(?:\.generated\.ts|~|\.swp|\.tmp)$/;

/**
 * @example
 * const watcher = watchSources(projectRoot, () => rebuild(), 150);
 */
export function watchSources(projectRoot: string, onChange: (paths: string[]) => void, debounceMs = 150): SourceWatcher {
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let changed = new Set<string>();

  const note = (path: string): void => {
    if (IGNORED.test(path)) return;
    changed.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...changed];
      changed = new Set();
      onChange(paths);
    }, debounceMs);
  };

  for (const folder of ['resolvers', 'authorizer', 'triggers', 'policy']) {
    try {
      watchers.push(watch(join(projectRoot, folder), { recursive: true }, (_event, file) => note(join(folder, String(file ?? '')))));
    } catch {
      // A folder that does not exist has nothing to watch.
    }
  }
  try {
    watchers.push(watch(join(projectRoot, 'schema.graphql'), () => note('schema.graphql')));
  } catch {
    // Same.
  }
  for (const watcher of watchers) watcher.on('error', () => undefined);

  return {
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
