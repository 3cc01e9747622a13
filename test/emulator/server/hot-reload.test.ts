/**
 * Developer comfort: the watcher calls back once per burst of source changes (ignoring generated
 * files), and `reload()` swaps in a new build without a restart.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rebuildOnChange } from '../../../emulator/dev/rebuild-on-change.ts';
import { watchSources } from '../../../emulator/dev/watch-sources.ts';
import { PROJECT_ROOT } from '../../../scripts/project-root.ts';
import { graphql, PASSWORD, startTestEmulator } from './support/emulator-fixture.ts';

function meBundle(username: string): string {
  return `export function request(ctx) { return { payload: { sub: 's', username: '${username}', email: null, emailVerified: false, groups: [], tokenUse: 'ID' } }; }
export function response(ctx) { return ctx.result; }`;
}

describe('Emulator: hot reload', () => {
  const dirs: string[] = [];

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('calls back once per burst of changes and ignores generated files', async () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'emulator-watch-'));
    dirs.push(root);
    for (const folder of ['resolvers', 'authorizer', 'triggers', 'policy']) mkdirSync(join(root, folder));
    writeFileSync(join(root, 'schema.graphql'), 'type Query { a: String }');
    const calls: string[][] = [];
    const watcher = watchSources(root, (paths) => calls.push(paths), 100);

    try {
      // Act
      writeFileSync(join(root, 'resolvers', 'lib.schema.generated.ts'), 'x');
      await new Promise((resolve) => setTimeout(resolve, 250));
      const afterGenerated = calls.length;
      writeFileSync(join(root, 'resolvers', 'Query.a.ts'), 'a');
      writeFileSync(join(root, 'policy', 'rules.ts'), 'b');
      writeFileSync(join(root, 'schema.graphql'), 'type Query { a: String b: String }');
      await new Promise((resolve) => setTimeout(resolve, 400));

      // Assess
      expect(afterGenerated).toBe(0);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toEqual(expect.arrayContaining([join('resolvers', 'Query.a.ts'), join('policy', 'rules.ts'), 'schema.graphql']));
    } finally {
      watcher.close();
    }
  });

  it('rebuilds then reloads on a change, and keeps serving when a build fails', async () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'emulator-rebuild-'));
    dirs.push(root);
    for (const folder of ['resolvers', 'authorizer', 'triggers', 'policy']) mkdirSync(join(root, folder));
    const events: string[] = [];
    let fail = false;
    const watch = rebuildOnChange({
      projectRoot: root,
      distDir: '/unused',
      build: async () => {
        events.push('build');
        if (fail) throw new Error('resolvers/Query.a.ts: APPSYNC_JS refuses its bundle');
      },
      reload: async () => {
        events.push('reload');
      },
      log: (line) => events.push(line.split('\n')[0] as string),
    });

    try {
      // Act
      writeFileSync(join(root, 'resolvers', 'Query.a.ts'), 'a');
      await new Promise((resolve) => setTimeout(resolve, 400));
      fail = true;
      writeFileSync(join(root, 'authorizer', 'index.ts'), 'b');
      await new Promise((resolve) => setTimeout(resolve, 400));
    } finally {
      await watch.close();
    }

    // Assess
    expect(events).toEqual([
      'build',
      'reload',
      expect.stringMatching(/^rebuilt after changes to resolvers\/Query\.a\.ts in \d+ ms$/),
      'build',
      'rebuild failed, still serving the previous build:',
    ]);
  });

  it('applies a rebuilt trigger to the next sign-in', async () => {
    // Prepare
    const distDir = mkdtempSync(join(tmpdir(), 'emulator-trigger-'));
    dirs.push(distDir);
    for (const folder of ['resolvers', 'authorizer', 'triggers']) mkdirSync(join(distDir, folder));
    writeFileSync(join(distDir, 'resolvers', 'manifest.json'), JSON.stringify({ environment: {}, resolvers: [] }));
    copyFileSync(join(PROJECT_ROOT, 'dist', 'authorizer', 'index.mjs'), join(distDir, 'authorizer', 'index.mjs'));
    const trigger = (claim: string) => `export async function handler(event) { event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { build: '${claim}' } } }; return event; }`;
    writeFileSync(join(distDir, 'triggers', 'pre-token-generation.mjs'), trigger('first'));
    const { emulator } = await startTestEmulator({ distDir });
    const claimOf = async (): Promise<unknown> => {
      const { idToken } = await emulator.identityProvider.signIn('customer@example.com', PASSWORD);
      return (JSON.parse(Buffer.from(idToken.split('.')[1] as string, 'base64url').toString('utf8')) as { build?: unknown }).build;
    };
    try {
      const before = await claimOf();

      // Act
      writeFileSync(join(distDir, 'triggers', 'pre-token-generation.mjs'), trigger('second'));
      await emulator.reload();
      const after = await claimOf();

      // Assess
      expect(before).toBe('first');
      expect(after).toBe('second');
    } finally {
      await emulator.close();
    }
  });

  it('swaps in a new build on reload, without a restart', async () => {
    // Prepare
    const distDir = mkdtempSync(join(tmpdir(), 'emulator-reload-'));
    dirs.push(distDir);
    mkdirSync(join(distDir, 'resolvers'), { recursive: true });
    mkdirSync(join(distDir, 'authorizer'));
    copyFileSync(join(PROJECT_ROOT, 'dist', 'authorizer', 'index.mjs'), join(distDir, 'authorizer', 'index.mjs'));
    mkdirSync(join(distDir, 'triggers'));
    copyFileSync(join(PROJECT_ROOT, 'dist', 'triggers', 'pre-token-generation.mjs'), join(distDir, 'triggers', 'pre-token-generation.mjs'));
    writeFileSync(join(distDir, 'resolvers', 'manifest.json'), JSON.stringify({
      environment: {},
      resolvers: [{ typeName: 'Query', fieldName: 'me', kind: 'UNIT', code: 'Query.me.js', dataSource: 'NONE' }],
    }));
    writeFileSync(join(distDir, 'resolvers', 'Query.me.js'), meBundle('first build'));
    const { emulator } = await startTestEmulator({ distDir });
    try {
      const { idToken } = await emulator.identityProvider.signIn('customer@example.com', PASSWORD);
      const before = await graphql(emulator, idToken, '{ me { username } }');

      // Act
      writeFileSync(join(distDir, 'resolvers', 'Query.me.js'), meBundle('second build'));
      await emulator.reload();
      const after = await graphql(emulator, idToken, '{ me { username } }');

      // Assess
      expect(before.body).toEqual({ data: { me: { username: 'first build' } } });
      expect(after.body).toEqual({ data: { me: { username: 'second build' } } });
    } finally {
      await emulator.close();
    }
  });
});
