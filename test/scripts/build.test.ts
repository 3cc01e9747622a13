import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BuildError, build, type BuildOptions } from '../../scripts/build.ts';
import type { DataSourceKind, ResolverManifest } from '../../scripts/resolver-manifest.ts';

const SCHEMA = `
type Query { hello(name: String): String }
type Mutation { bump(by: Int): Int }
`;

const UNIT_MODULE = `
import { util } from '@aws-appsync/utils';
export function request(ctx) { return { payload: util.str.toUpper(ctx.args.name) }; }
export function response(ctx) { return ctx.result; }
`;

const PASS_THROUGH = `
export function request(ctx) { return {}; }
export function response(ctx) { return ctx.prev.result; }
`;

/** A throwaway project: a schema and a resolvers folder, built into its own dist. */
let root: string;

function write(relative: string, text: string): void {
  const path = join(root, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function fixtureOptions(dataSources: Record<string, DataSourceKind>): BuildOptions {
  return {
    resolversDir: join(root, 'resolvers'),
    outDir: join(root, 'dist'),
    schemaPath: join(root, 'schema.graphql'),
    dataSources,
    generate: false,
    lambdas: [],
  };
}

const DATA_SOURCES = { 'Query.hello': 'NONE', 'Mutation.bump/1-read': 'TABLE', 'Mutation.bump/2-write': 'TABLE' } as const;

async function buildError(options: BuildOptions): Promise<BuildError> {
  const error = await build(options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BuildError);
  return error as BuildError;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'build-test-'));
  write('schema.graphql', SCHEMA);
  write('resolvers/Query.hello.ts', UNIT_MODULE);
  write('resolvers/Mutation.bump/resolver.ts', PASS_THROUGH);
  write('resolvers/Mutation.bump/1-read.ts', PASS_THROUGH);
  write('resolvers/Mutation.bump/2-write.ts', PASS_THROUGH);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('Build: resolvers', () => {
  it('bundles unit and pipeline resolvers and describes them in manifest.json', async () => {
    // Act
    const result = await build(fixtureOptions({ ...DATA_SOURCES }));

    // Assess
    const manifest = JSON.parse(readFileSync(join(root, 'dist/resolvers/manifest.json'), 'utf8')) as ResolverManifest;
    expect(manifest).toEqual(result.manifest);
    expect(manifest.resolvers).toEqual([
      {
        typeName: 'Mutation',
        fieldName: 'bump',
        kind: 'PIPELINE',
        code: 'Mutation.bump/resolver.js',
        functions: [
          { name: 'Mutation_bump_1_read', code: 'Mutation.bump/1-read.js', dataSource: 'TABLE' },
          { name: 'Mutation_bump_2_write', code: 'Mutation.bump/2-write.js', dataSource: 'TABLE' },
        ],
      },
      { typeName: 'Query', fieldName: 'hello', kind: 'UNIT', code: 'Query.hello.js', dataSource: 'NONE' },
    ]);
    const unit = readFileSync(join(root, 'dist/resolvers/Query.hello.js'), 'utf8');
    expect(unit).toContain('from "@aws-appsync/utils"');
    expect(unit).toMatch(/export \{\s*request,\s*response\s*\}/);
    expect(unit).not.toContain('sourceMappingURL');
  });

  it('orders pipeline functions by their number, not by name', async () => {
    // Prepare
    write('resolvers/Mutation.bump/10-audit.ts', PASS_THROUGH);

    // Act
    const result = await build(fixtureOptions({ ...DATA_SOURCES, 'Mutation.bump/10-audit': 'TABLE' }));

    // Assess
    const pipeline = result.manifest.resolvers.find((resolver) => resolver.kind === 'PIPELINE');
    expect(pipeline?.kind === 'PIPELINE' ? pipeline.functions.map((fn) => fn.code) : []).toEqual([
      'Mutation.bump/1-read.js',
      'Mutation.bump/2-write.js',
      'Mutation.bump/10-audit.js',
    ]);
  });

  it('fails, naming the file, when a resolver names a field the schema lacks', async () => {
    // Prepare
    write('resolvers/Query.goodbye.ts', UNIT_MODULE);

    // Act
    const error = await buildError(fixtureOptions({ ...DATA_SOURCES, 'Query.goodbye': 'NONE' }));

    // Assess
    expect(error.problems).toEqual([
      { file: join(root, 'resolvers/Query.goodbye.ts'), message: 'names Query.goodbye, but schema.graphql has no field goodbye on Query.' },
    ]);
    expect(error.message).toContain('resolvers/Query.goodbye.ts');
  });

  it('fails, naming the file, when a resolver names a type the schema lacks', async () => {
    // Prepare
    write('resolvers/Ticket.comments.ts', UNIT_MODULE);

    // Act
    const error = await buildError(fixtureOptions({ ...DATA_SOURCES, 'Ticket.comments': 'TABLE' }));

    // Assess
    expect(error.message).toContain('Ticket.comments.ts: names Ticket.comments, but schema.graphql has no object type Ticket.');
  });

  it('fails, naming the field, when a Query or Mutation field has no resolver', async () => {
    // Prepare
    rmSync(join(root, 'resolvers/Query.hello.ts'));
    const { 'Query.hello': _removed, ...dataSources } = DATA_SOURCES;

    // Act
    const error = await buildError(fixtureOptions(dataSources));

    // Assess
    expect(error.problems).toEqual([
      { file: join(root, 'resolvers/Query.hello.ts'), message: 'is missing: Query.hello has no resolver (write Query.hello.ts or a Query.hello/ pipeline folder).' },
    ]);
  });

  it('fails, naming the file, when a bundle exceeds 32 768 characters', async () => {
    // Prepare
    write('resolvers/Query.hello.ts', `${UNIT_MODULE}\nexport const padding = ${JSON.stringify('x'.repeat(33_000))};\n`);

    // Act
    const error = await buildError(fixtureOptions({ ...DATA_SOURCES }));

    // Assess
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.file).toBe(join(root, 'resolvers/Query.hello.ts'));
    expect(error.problems[0]?.message).toMatch(/its bundle has \d+ characters; AppSync accepts at most 32768/);
  });

  it('fails, naming the file and the line, when APPSYNC_JS would refuse the bundle (throw)', async () => {
    // Prepare
    write('resolvers/Mutation.bump/2-write.ts', 'export function request(ctx) {\n  if (!ctx.args.by) throw new Error("no");\n  return {};\n}\nexport function response(ctx) { return ctx.result; }\n');

    // Act
    const error = await buildError(fixtureOptions({ ...DATA_SOURCES }));

    // Assess
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.file).toBe(join(root, 'resolvers/Mutation.bump/2-write.ts'));
    expect(error.problems[0]?.message).toMatch(/APPSYNC_JS refuses its bundle \(dist\/resolvers\/Mutation\.bump\/2-write\.js:\d+:\d+\): Throw statements are not supported/);
  });

  it('fails when a module has no declared data source, or a declared one has no module', async () => {
    // Prepare
    const { 'Mutation.bump/2-write': _removed, ...dataSources } = DATA_SOURCES;

    // Act
    const error = await buildError(fixtureOptions({ ...dataSources, 'Query.stale': 'TABLE' }));

    // Assess
    expect(error.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/no data source is declared for 'Mutation\.bump\/2-write'/),
      expect.stringMatching(/declares a data source for 'Query\.stale', which is no resolver module/),
    ]);
  });

  it('fails on a file that is not named after a field', async () => {
    // Prepare
    write('resolvers/helpers.ts', 'export const x = 1;\n');

    // Act
    const error = await buildError(fixtureOptions({ ...DATA_SOURCES }));

    // Assess
    expect(error.problems).toEqual([{ file: join(root, 'resolvers/helpers.ts'), message: expect.stringMatching(/is not a resolver module/) }]);
  });

  it('fails, naming it, when a Lambda handler source is missing', async () => {
    // Prepare
    const options = { ...fixtureOptions({ ...DATA_SOURCES }), lambdas: [{ source: join(root, 'authorizer/index.ts'), output: 'authorizer/index.mjs' }] };

    // Act
    const error = await buildError(options);

    // Assess
    expect(error.problems).toEqual([{ file: join(root, 'authorizer/index.ts'), message: 'is missing: it is the Lambda handler the build bundles.' }]);
  });

  it('bundles a Lambda handler as one ESM file, adding createRequire only where a CommonJS dependency needs it', async () => {
    // Prepare
    write('lambdas/dep.cjs', "module.exports = require('node:path').sep;\n");
    write('lambdas/needs-require.ts', "import sep from './dep.cjs';\nexport const handler = async () => sep;\n");
    write('lambdas/plain.ts', 'export const handler = async () => 42;\n');
    const lambdas = [
      { source: join(root, 'lambdas/needs-require.ts'), output: 'a/needs-require.mjs' },
      { source: join(root, 'lambdas/plain.ts'), output: 'b/plain.mjs' },
    ];

    // Act
    await build({ ...fixtureOptions({ ...DATA_SOURCES }), lambdas });

    // Assess
    const needsRequire = join(root, 'dist/a/needs-require.mjs');
    const plain = join(root, 'dist/b/plain.mjs');
    expect(readFileSync(needsRequire, 'utf8')).toContain('createRequire');
    expect(readFileSync(plain, 'utf8')).not.toContain('createRequire');
    const handlers = [(await import(needsRequire)) as { handler: () => Promise<unknown> }, (await import(plain)) as { handler: () => Promise<unknown> }];
    expect(await Promise.all(handlers.map((module) => module.handler()))).toEqual(['/', 42]);
  });

  it('removes bundles of resolvers that no longer exist', async () => {
    // Prepare
    await build(fixtureOptions({ ...DATA_SOURCES }));
    write('dist/resolvers/Query.stale.js', 'export function request() {}\n');

    // Act
    await build(fixtureOptions({ ...DATA_SOURCES }));

    // Assess
    expect(() => readFileSync(join(root, 'dist/resolvers/Query.stale.js'))).toThrow();
  });
});
