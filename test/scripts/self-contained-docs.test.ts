/**
 * The repository explains itself: no tracked file cites a document a clone does not hold, and
 * every file's header comment sits above its imports, where a reader looks first.
 *
 * The cited-document patterns are written so that this file does not match them itself.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Citations of design notes that live outside the repository. */
const OUTSIDE_DOCUMENTS: readonly RegExp[] = [/DESIGN\.md/, /DESIGN\s§/, /APPSYNC[-]NOTES/, /REALTIME[-]NOTES/, /STYLE\.md/, /\.\.\/shared\b/];

/** Text files a reader opens: sources, tests, docs, configuration, the CI script. */
const TEXT_FILE = /\.(?:ts|tsx|js|mjs|cjs|json|md|graphql|css|html|ya?ml)$|(?:^|\/)run$/;

/** Modules whose header comment must come first. */
const MODULE_FILE = /\.(?:ts|tsx|js|mjs|cjs)$/;

/**
 * A `/**` block that documents the file rather than a declaration: it stands apart, followed by
 * a blank line or by an import, where a declaration's JSDoc is followed by the declaration.
 */
const DETACHED_DOC_BLOCK = /^\/\*\*[\s\S]*?\*\/\n(?=[ \t]*\n|import\b)/gm;

function trackedFiles(pattern: RegExp): string[] {
  const listing = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return listing.split('\0').filter((path) => path !== '' && path !== 'package-lock.json' && pattern.test(path));
}

function citesOutsideDocument(line: string): boolean {
  return OUTSIDE_DOCUMENTS.some((pattern) => pattern.test(line));
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** `path:line` of every header comment placed after the file's first import. */
function misplacedHeaders(path: string, text: string): string[] {
  const firstImport = text.search(/^import\b/m);
  if (firstImport < 0) return [];
  return [...text.matchAll(DETACHED_DOC_BLOCK)].filter((match) => match.index > firstImport).map((match) => `${path}:${lineOf(text, match.index)}`);
}

describe('Docs: self-contained', () => {
  it('cites no document the repository does not hold', () => {
    // Prepare
    const files = trackedFiles(TEXT_FILE);

    // Act
    const citations = files.flatMap((path) =>
      readFileSync(join(ROOT, path), 'utf8')
        .split('\n')
        .flatMap((line, index) => (citesOutsideDocument(line) ? [`${path}:${index + 1}: ${line.trim()}`] : [])),
    );

    // Assess
    expect(files.length).toBeGreaterThan(100);
    expect(citations).toEqual([]);
  });

  it('recognizes each way of citing the outside notes (the check can fail)', () => {
    // Prepare: assembled from pieces so that this file does not cite them itself
    const citations = [['DESIGN', '.md'], ['DESIGN', ' §6'], ['APPSYNC', '-NOTES'], ['REALTIME', '-NOTES'], ['STYLE', '.md'], ['..', '/shared/x']].map((parts) => `see ${parts.join('')}`);

    // Act
    const missed = citations.filter((line) => !citesOutsideDocument(line));

    // Assess
    expect(missed).toEqual([]);
    expect(citesOutsideDocument('TABLE_DESIGN.partitionKey, docs/sandbox.md')).toBe(false);
  });

  it('puts every file header comment above the imports', () => {
    // Prepare
    const files = trackedFiles(MODULE_FILE);

    // Act
    const misplaced = files.flatMap((path) => misplacedHeaders(path, readFileSync(join(ROOT, path), 'utf8')));

    // Assess
    expect(files.length).toBeGreaterThan(100);
    expect(misplaced).toEqual([]);
  });

  it('tells a header after the imports from a declaration JSDoc (the check can fail)', () => {
    // Prepare
    const header = '/**\n * What this file is.\n */\n';
    const imports = "import { a } from './a.ts';\n";
    const declaration = '/** The answer. */\nexport const b = a;\n';

    // Act
    const above = misplacedHeaders('above.ts', `${header}${imports}\n${declaration}`);
    const below = misplacedHeaders('below.ts', `${imports}\n${header}\n${declaration}`);
    const between = misplacedHeaders('between.ts', `${imports}${header}${imports}\n${declaration}`);

    // Assess
    expect(above).toEqual([]);
    expect(below).toEqual(['below.ts:3']);
    expect(between).toEqual(['between.ts:2']);
  });
});
