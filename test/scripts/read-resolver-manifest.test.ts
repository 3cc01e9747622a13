/**
 * The one manifest reader, and its two users: the CDK app (`infra/resolver-bundles.ts`) and the
 * emulator (`emulator/resolvers/resolver-bundles.ts`) accept the same builds, refuse the same
 * builds for the same reason, and fill `ctx.env` the same way.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadResolverBundles as loadInEmulator } from '../../emulator/resolvers/resolver-bundles.ts';
import { MAX_CODE_LENGTH } from '../../infra/api-limits.ts';
import { loadResolverBundles as loadInInfra, ResolverBundleError } from '../../infra/resolver-bundles.ts';
import { readResolverBuild, ResolverManifestError } from '../../scripts/read-resolver-manifest.ts';
import { environmentValues, RESOLVER_ENVIRONMENT } from '../../scripts/resolver-manifest.ts';

const code = (name: string) => `export function request(ctx) { return { payload: ${JSON.stringify(name)} }; }\nexport function response(ctx) { return ctx.result; }\n`;

const me = { typeName: 'Query', fieldName: 'me', kind: 'UNIT', code: 'Query.me.js', dataSource: 'NONE' };
const pipeline = (fn: Record<string, unknown>) => ({
  typeName: 'Mutation',
  fieldName: 'addComment',
  kind: 'PIPELINE',
  code: 'Mutation.addComment/resolver.js',
  functions: [fn],
});
const pipelineFiles = { 'Mutation.addComment/resolver.js': code('pipeline'), 'Mutation.addComment/1-get.js': code('get') };

/** One build the reader refuses: the manifest (`null`: none), the files beside it, the reason. */
interface Refusal {
  readonly manifest: unknown;
  readonly files: Readonly<Record<string, string>>;
  readonly reason: RegExp;
}

/** `reason` for a whole message, which goes on after the reason. */
const within = (reason: RegExp) => new RegExp(reason.source.replace(/^\^|\$$/g, ''));

const REFUSALS: ReadonlyArray<readonly [string, Refusal]> = [
  ['no manifest', { manifest: null, files: {}, reason: /^No resolver manifest$/ }],
  ['a manifest that is no JSON', { manifest: '{ "resolvers": [', files: {}, reason: /is not JSON/ }],
  ['a manifest without a resolvers list', { manifest: { environment: {} }, files: {}, reason: /no "resolvers" list/ }],
  ['an unknown data source kind', { manifest: { resolvers: [{ ...me, dataSource: 'HTTP' }] }, files: { 'Query.me.js': code('me') }, reason: /^Unknown data source "HTTP"$/ }],
  [
    'a function name AppSync refuses',
    { manifest: { resolvers: [pipeline({ name: '1-get', code: 'Mutation.addComment/1-get.js', dataSource: 'TABLE' })] }, files: pipelineFiles, reason: /"1-get" is not one AppSync accepts/ },
  ],
  ['a missing bundle', { manifest: { resolvers: [me] }, files: {}, reason: /^A bundle named by the manifest is missing$/ }],
  [
    `a bundle over ${MAX_CODE_LENGTH} characters`,
    { manifest: { resolvers: [me] }, files: { 'Query.me.js': `// ${'x'.repeat(MAX_CODE_LENGTH)}\n${code('me')}` }, reason: new RegExp(`AppSync accepts at most ${MAX_CODE_LENGTH}$`) },
  ],
  ['a bundle path leaving the bundle folder', { manifest: { resolvers: [{ ...me, code: '../outside.js' }] }, files: {}, reason: /not a file inside the bundle folder/ }],
  ['an unknown resolver kind', { manifest: { resolvers: [{ ...me, kind: 'BATCH' }] }, files: { 'Query.me.js': code('me') }, reason: /Unknown resolver kind "BATCH"/ }],
  ['a pipeline without a functions list', { manifest: { resolvers: [{ ...pipeline({}), functions: undefined }] }, files: pipelineFiles, reason: /pipeline Mutation\.addComment has no "functions" list/ }],
  ['a resolver without a valid Type.field', { manifest: { resolvers: [{ ...me, typeName: 'Query.x' }] }, files: { 'Query.me.js': code('me') }, reason: /names no valid Type\.field: "Query\.x\.me"/ }],
  ['two resolvers for one field', { manifest: { resolvers: [me, me] }, files: { 'Query.me.js': code('me') }, reason: /two resolvers for Query\.me/ }],
  [
    'an environment variable name AppSync refuses',
    { manifest: { resolvers: [], environment: { _TABLE: 'TABLE' } }, files: {}, reason: /API variable name "_TABLE" is not one AppSync accepts/ },
  ],
  [
    'an environment variable with an unknown source',
    { manifest: { resolvers: [], environment: { TABLE_NAME: 'BUCKET' } }, files: {}, reason: /API variable TABLE_NAME is to hold "BUCKET"/ },
  ],
];

describe('Manifest reader', () => {
  let dir: string;

  /** Writes a build output: the manifest (as JSON, or as given when text) and every file of `files`. */
  function writeBuild(manifest: unknown, files: Readonly<Record<string, string>>): void {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    if (manifest !== null) writeFileSync(join(dir, 'manifest.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  }

  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'resolver-manifest-')), 'resolvers');
    mkdirSync(dir);
    // A file just outside the bundle folder, which no manifest may reach.
    writeFileSync(join(dir, '..', 'outside.js'), code('outside'));
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('reads a build, and both users see its resolvers and code and fill ctx.env alike', async () => {
    // Prepare
    writeBuild(
      { resolvers: [me, pipeline({ name: 'Mutation_addComment_1_get', code: 'Mutation.addComment/1-get.js', dataSource: 'TABLE' })], environment: RESOLVER_ENVIRONMENT },
      { 'Query.me.js': code('me'), ...pipelineFiles },
    );

    // Act
    const build = readResolverBuild(dir);
    const inInfra = loadInInfra(dir);
    const inEmulator = await loadInEmulator(join(dir, 'manifest.json'), 'helpdesk');

    // Assess
    expect(build.resolvers).toEqual([
      { kind: 'UNIT', typeName: 'Query', fieldName: 'me', dataSource: 'NONE', code: code('me') },
      {
        kind: 'PIPELINE',
        typeName: 'Mutation',
        fieldName: 'addComment',
        code: code('pipeline'),
        functions: [{ name: 'Mutation_addComment_1_get', dataSource: 'TABLE', code: code('get') }],
      },
    ]);
    expect(inInfra).toEqual(build);
    expect([...inEmulator.resolvers.keys()]).toEqual(['Query.me', 'Mutation.addComment']);
    expect(inEmulator.resolvers.get('Mutation.addComment')).toEqual({ ...build.resolvers[1], coordinate: 'Mutation.addComment' });
    expect(inEmulator.env).toEqual({ TABLE_NAME: 'helpdesk' });
    expect(environmentValues(inInfra.environment, { tableName: 'helpdesk' })).toEqual(inEmulator.env);
  });

  describe.each(REFUSALS)('refuses %s', (_name, refusal) => {
    beforeEach(() => writeBuild(refusal.manifest, refusal.files));

    it('in the reader, with the reason and the file to look at', () => {
      // Act
      let thrown: unknown;
      try {
        readResolverBuild(dir);
      } catch (error) {
        thrown = error;
      }

      // Assess
      expect(thrown).toBeInstanceOf(ResolverManifestError);
      expect((thrown as ResolverManifestError).reason).toMatch(refusal.reason);
      expect((thrown as ResolverManifestError).path.startsWith(dir)).toBe(true);
    });

    it('in the CDK app, telling to run the build', () => {
      // Act
      const act = () => loadInInfra(dir);

      // Assess
      expect(act).toThrow(ResolverBundleError);
      expect(act).toThrow(within(refusal.reason));
      expect(act).toThrow(/npm run build/);
    });

    it('in the emulator, loading nothing', async () => {
      // Act
      const act = loadInEmulator(join(dir, 'manifest.json'), 'helpdesk');

      // Assess
      await expect(act).rejects.toThrow(ResolverManifestError);
      await expect(act).rejects.toThrow(within(refusal.reason));
    });
  });
});
