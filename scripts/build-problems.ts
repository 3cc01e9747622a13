/**
 * What the build reports when the sources are wrong: every problem names the file to look at,
 * relative to the project, and the build fails with all of them at once.
 */
import { isAbsolute, relative } from 'node:path';
import { PROJECT_ROOT } from './project-root.ts';

/** One thing wrong with the sources; `file` is the file to look at. */
export interface BuildProblem {
  readonly file: string;
  readonly message: string;
}

/**
 * The build found problems; the message lists each with its file.
 *
 * @example
 * if (problems.length > 0) throw new BuildError(problems);
 */
export class BuildError extends Error {
  override readonly name = 'BuildError';

  constructor(readonly problems: readonly BuildProblem[]) {
    super(`The build failed:\n${problems.map((problem) => `  ${problem.file}: ${problem.message}`).join('\n')}`);
  }
}

/**
 * A path for messages: relative to the project when inside it.
 *
 * @example
 * displayPath(join(PROJECT_ROOT, 'resolvers', 'Query.me.ts')); // 'resolvers/Query.me.ts'
 */
export function displayPath(path: string): string {
  const inside = relative(PROJECT_ROOT, path);
  return inside.startsWith('..') || isAbsolute(inside) ? path : inside;
}
