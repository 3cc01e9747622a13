/**
 * The build's optional lint step: `@aws-appsync/eslint-plugin` (type-aware `recommended` rules,
 * plus `throw`) over the resolver sources, with `eslint.config.js`. It takes seconds, so the
 * build runs it only when asked (`npm run build -- --lint`); `npm run lint` and the test suite
 * always run it.
 */
import { ESLint } from 'eslint';
import { displayPath, type BuildProblem } from './build-problems.ts';
import { PROJECT_ROOT } from './project-root.ts';

/**
 * Every lint error in `dir`, as build problems naming file and line.
 *
 * @example
 * const problems = await lintResolvers('/…/resolvers');
 */
export async function lintResolvers(dir: string): Promise<BuildProblem[]> {
  const eslint = new ESLint({ cwd: PROJECT_ROOT });
  const results = await eslint.lintFiles([dir]);
  return results.flatMap((result) =>
    result.messages
      .filter((message) => message.severity === 2)
      .map((message) => ({ file: displayPath(result.filePath), message: `line ${message.line}: ${message.message} (${message.ruleId ?? 'parser'})` })),
  );
}
