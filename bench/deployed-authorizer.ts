/**
 * The authorizer as Lambda runs it: the bundle `npm run build` writes, imported afresh (a new
 * module instance, as in a new container) and configured only through `process.env`, which is
 * all the function's configuration in AWS too. Nothing here reaches into the source modules.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, DEFAULT_LAMBDAS } from '../scripts/build.ts';
import type { Handler } from './authorizer-fixtures.ts';

const AUTHORIZER_OUTPUT = DEFAULT_LAMBDAS.find((lambda) => lambda.source.endsWith(join('authorizer', 'index.ts')))?.output;

/** Where the authorizer bundle is in a build's output folder. */
export function authorizerBundlePath(distDir: string): string {
  if (AUTHORIZER_OUTPUT === undefined) throw new Error('the build bundles no authorizer/index.ts');
  return join(distDir, AUTHORIZER_OUTPUT);
}

/**
 * Runs the project's build into a new temporary folder (`dist/` is left alone) and returns the
 * folder: the same bundles, byte for byte, as `npm run build` writes to `dist/`.
 *
 * @example
 * const distDir = await buildIntoTemporaryFolder();
 * const handler = await importDeployedHandler(authorizerBundlePath(distDir), env);
 */
export async function buildIntoTemporaryFolder(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-dist-'));
  await build({ outDir, generate: false });
  return outDir;
}

let instances = 0;

/**
 * Imports a fresh instance of the bundle with exactly `env` set for the authorizer's variables,
 * as a cold start does, and returns its `handler`. The environment is restored afterwards (the
 * bundle reads it once, at load).
 *
 * @example
 * const handler = await importDeployedHandler(bundle, { ...fixture.env, AUTH_TTL_SECONDS: '0' });
 */
export async function importDeployedHandler(bundlePath: string, env: Readonly<Record<string, string>>): Promise<Handler> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    instances += 1;
    // A new query string is a new module record: module-level state (configuration, keys,
    // decision cache) starts empty, as in a new container.
    const module = (await import(`${pathToFileURL(bundlePath).href}?instance=${instances}`)) as { handler?: unknown };
    if (typeof module.handler !== 'function') throw new Error(`${bundlePath} exports no handler`);
    return module.handler as Handler;
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
