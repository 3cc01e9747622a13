/**
 * The import rules that keep the deployed parts small and independent: the parts (authorizer,
 * triggers, resolvers, policy) never import the CDK app (`infra/`) or the emulator, and
 * `policy/` imports nothing outside itself, because it is bundled into every resolver and the
 * authorizer. This is why a constant both sides need (the authorizer result TTL bounds) is owned
 * by the part and re-exported by `infra/api-limits.ts`, not the other way round.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PARTS = ['authorizer', 'triggers', 'resolvers', 'policy'] as const;
const FORBIDDEN_FOR_PARTS = ['infra', 'emulator', 'scripts', 'test'];

/** Every `from '…'` and bare `import '…'` specifier of a module's text. */
function importSpecifiers(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom|^import)\s+'([^']+)'/gm)].map((match) => match[1] ?? '');
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => join(folder, path));
}

/** `file -> target` for every import of `folder`'s files, targets relative to the root (packages as named). */
function importsOf(folder: string): { file: string; target: string }[] {
  return sourceFiles(folder).flatMap((file) =>
    importSpecifiers(readFileSync(join(ROOT, file), 'utf8')).map((specifier) => ({
      file,
      target: specifier.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), specifier)) : specifier,
    })),
  );
}

describe('Layering: imports', () => {
  it.each(PARTS)('keeps %s/ free of infra/, emulator/, scripts/ and test/', (part) => {
    // Act
    const imports = importsOf(part);
    const crossing = imports.filter(({ target }) => FORBIDDEN_FOR_PARTS.some((folder) => target === folder || target.startsWith(`${folder}/`)));

    // Assess
    expect(imports.length).toBeGreaterThan(0);
    expect(crossing).toEqual([]);
  });

  it('keeps policy/ importing nothing outside itself', () => {
    // Act
    const outside = importsOf('policy').filter(({ target }) => !target.startsWith('policy/'));

    // Assess
    expect(outside).toEqual([]);
  });

  it('reads both import forms and resolves relative paths (the check can fail)', () => {
    // Act
    const specifiers = importSpecifiers("import { a } from '../infra/api-limits.ts';\nimport '../emulator/side-effect.ts';\nexport { b } from './b.ts';");

    // Assess
    expect(specifiers).toEqual(['../infra/api-limits.ts', '../emulator/side-effect.ts', './b.ts']);
  });
});
