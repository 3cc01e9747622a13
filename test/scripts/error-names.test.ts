/**
 * Every error class names itself one way: `override readonly name = 'ClassName';` as its first
 * member. A literal rather than `new.target.name`, so that minified bundles keep the name, and
 * a field rather than an assignment in the constructor, so that it is read at a glance and
 * cannot be reassigned. A class that others extend types it `string` so that they can narrow it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const ERROR_CLASS = /^(?:export )?(?:abstract )?class (\w+) extends (\w*(?:Error|Exception))\b[^{]*\{\n(?:\s*\n)*(.*)$/gm;

function errorClassCount(text: string): number {
  return [...text.matchAll(ERROR_CLASS)].length;
}

/** `path: Class` for every error class of `text` that does not name itself the project's way. */
function misnamedErrorClasses(path: string, text: string): string[] {
  const misnamed = [...text.matchAll(ERROR_CLASS)]
    .filter(([, name, , firstMember]) => !new RegExp(`^  override readonly name(?:: string)? = '${name}';$`).test(firstMember ?? ''))
    .map(([, name]) => `${path}: ${name}`);
  const assigned = /\bthis\.name\s*=/.test(text) && errorClassCount(text) > 0 ? [`${path}: assigns this.name`] : [];
  return [...misnamed, ...assigned];
}

describe('Error classes: names', () => {
  it("declares `override readonly name = '<class>'` first in every error class", () => {
    // Prepare
    const files = execFileSync('git', ['ls-files', '-z', '*.ts', '*.tsx'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((path) => path !== '');

    const texts = files.map((path) => ({ path, text: readFileSync(join(ROOT, path), 'utf8') }));

    // Act
    const misnamed = texts.flatMap(({ path, text }) => misnamedErrorClasses(path, text));

    // Assess
    expect(texts.reduce((count, { text }) => count + errorClassCount(text), 0)).toBeGreaterThan(15);
    expect(misnamed).toEqual([]);
  });

  it('refuses the other ways of setting the name (the check can fail)', () => {
    // Prepare
    const good = "export class GoodError extends Error {\n  override readonly name = 'GoodError';\n}\n";
    const assigned = "export class AssignedError extends Error {\n  constructor() {\n    super('x');\n    this.name = 'AssignedError';\n  }\n}\n";
    const derived = "export abstract class BaseError extends Error {\n  constructor() {\n    super('x');\n    this.name = new.target.name;\n  }\n}\n";
    const wrong = "export class SubError extends BaseError {\n  override readonly name = 'BaseError';\n}\n";

    // Act
    const found = [good, assigned, derived, wrong].flatMap((text, index) => misnamedErrorClasses(`file${index}.ts`, text));

    // Assess
    expect(found).toEqual(['file1.ts: AssignedError', 'file1.ts: assigns this.name', 'file2.ts: BaseError', 'file2.ts: assigns this.name', 'file3.ts: SubError']);
  });
});
