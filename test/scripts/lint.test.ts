import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LINT_SCRIPT = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts.lint ?? '';
/** The paths `npm run lint` hands to ESLint, read from the script itself so the two cannot drift. */
const LINT_TARGETS = LINT_SCRIPT.split(/\s+/).slice(1);
const SAMPLE = fileURLToPath(new URL('../../resolvers/Query.me.ts', import.meta.url));

describe('Lint: resolvers and policy', () => {
  const eslint = new ESLint({ cwd: ROOT });

  // Type-aware linting builds a TypeScript program: seconds, more on a busy machine.
  it('passes the @aws-appsync recommended rules (what `npm run lint` runs)', { timeout: 90_000 }, async () => {
    // Prepare
    expect(LINT_SCRIPT.split(/\s+/)[0]).toBe('eslint');
    expect(LINT_TARGETS).toEqual(expect.arrayContaining(['resolvers', 'policy']));

    // Act
    const results = await eslint.lintFiles(LINT_TARGETS);

    // Assess
    expect(results.filter((result) => result.filePath.includes('/policy/')).length).toBeGreaterThan(0);
    const problems = results.flatMap((result) => result.messages.map((message) => `${result.filePath}:${message.line} ${message.ruleId}: ${message.message}`));
    expect(problems).toEqual([]);
  });

  it('flags throw, which the AppSync plugin misses', { timeout: 90_000 }, async () => {
    // Prepare
    const text = readFileSync(SAMPLE, 'utf8').replace('const caller = callerOf(ctx);', "const caller = callerOf(ctx);\n  if (caller.sub === '') throw new Error('no sub');");

    // Act
    const [result] = await eslint.lintText(text, { filePath: SAMPLE });

    // Assess
    expect(result?.messages.map((message) => message.ruleId)).toEqual(['no-restricted-syntax']);
  });
});
