import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CODE_LENGTH } from '../../infra/api-limits.ts';
import { loadResolverBundles, ResolverBundleError } from '../../infra/resolver-bundles.ts';

const code = (name: string) => `export function request(ctx) { return { payload: ${JSON.stringify(name)} }; }\nexport function response(ctx) { return ctx.result; }\n`;

describe('Infra: loadResolverBundles', () => {
  let dir: string;

  /** Writes a build output: the manifest and every file named in `files`. */
  function writeBuild(manifest: unknown, files: Record<string, string>): void {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'resolver-bundles-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every unit resolver, pipeline and function with its exact code', () => {
    // Prepare
    writeBuild(
      {
        resolvers: [
          { typeName: 'Query', fieldName: 'me', kind: 'UNIT', code: 'Query.me.js', dataSource: 'NONE' },
          {
            typeName: 'Mutation',
            fieldName: 'addComment',
            kind: 'PIPELINE',
            code: 'Mutation.addComment/resolver.js',
            functions: [{ name: 'Mutation_addComment_1_get_ticket', code: 'Mutation.addComment/1-get-ticket.js', dataSource: 'TABLE' }],
          },
        ],
        environment: { TABLE_NAME: 'TABLE' },
      },
      { 'Query.me.js': code('me'), 'Mutation.addComment/resolver.js': code('pipeline'), 'Mutation.addComment/1-get-ticket.js': code('get') },
    );

    // Act
    const bundles = loadResolverBundles(dir);

    // Assess
    expect(bundles).toEqual({
      resolvers: [
        { kind: 'UNIT', typeName: 'Query', fieldName: 'me', dataSource: 'NONE', code: code('me') },
        {
          kind: 'PIPELINE',
          typeName: 'Mutation',
          fieldName: 'addComment',
          code: code('pipeline'),
          functions: [{ name: 'Mutation_addComment_1_get_ticket', dataSource: 'TABLE', code: code('get') }],
        },
      ],
      environment: { TABLE_NAME: 'TABLE' },
    });
  });

  it.each([
    ['no manifest', null, {}, /No resolver manifest/],
    ['a missing bundle', { resolvers: [{ typeName: 'Query', fieldName: 'me', kind: 'UNIT', code: 'Query.me.js', dataSource: 'NONE' }] }, {}, /bundle named by the manifest is missing/],
    [
      'an unknown data source',
      { resolvers: [{ typeName: 'Query', fieldName: 'me', kind: 'UNIT', code: 'Query.me.js', dataSource: 'HTTP' }] },
      { 'Query.me.js': code('me') },
      /Unknown data source "HTTP"/,
    ],
    [
      'a function name AppSync refuses',
      {
        resolvers: [
          { typeName: 'Mutation', fieldName: 'x', kind: 'PIPELINE', code: 'r.js', functions: [{ name: '1-get-ticket', code: 'f.js', dataSource: 'TABLE' }] },
        ],
      },
      { 'r.js': code('r'), 'f.js': code('f') },
      /"1-get-ticket" is not one AppSync accepts/,
    ],
    [
      'a bundle over 32 768 characters',
      { resolvers: [{ typeName: 'Query', fieldName: 'me', kind: 'UNIT', code: 'Query.me.js', dataSource: 'NONE' }] },
      { 'Query.me.js': `// ${'x'.repeat(MAX_CODE_LENGTH)}\n${code('me')}` },
      /AppSync accepts at most 32768/,
    ],
  ])('refuses %s, telling to run the build', (_name, manifest, files, message) => {
    // Prepare
    if (manifest !== null) writeBuild(manifest, files);

    // Act
    const act = () => loadResolverBundles(dir);

    // Assess
    expect(act).toThrow(ResolverBundleError);
    expect(act).toThrow(message);
    expect(act).toThrow(/npm run build/);
  });
});
