import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../resolvers/Query.me.ts', import.meta.url));

describe('Lint: resolvers', () => {
  const eslint = new ESLint({ cwd: ROOT });

  // Type-aware linting builds a TypeScript program: seconds, more on a busy machine.
  it('passes the @aws-appsync recommended rules (what `npm run lint` runs)', { timeout: 90_000 }, async () => {
    // Act
    const results = await eslint.lintFiles(['resolvers']);

    // Assess
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
