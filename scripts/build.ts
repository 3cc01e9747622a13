/**
 * `npm run build`: regenerates what derives from `schema.graphql`, bundles every resolver and
 * pipeline function to `dist/resolvers/` with `manifest.json` (see `resolver-manifest.ts`), and
 * bundles the Lambda handlers to `dist/authorizer/` and `dist/triggers/`.
 *
 * `npm run build -- --lint` also runs `@aws-appsync/eslint-plugin` over the sources (`npm run lint`
 * and the test suite always do).
 *
 * It fails, naming the file, when a resolver names a field the schema lacks, when a `Query` or
 * `Mutation` field has no resolver, when a bundle exceeds AppSync's 32 768 characters, or when
 * the APPSYNC_JS static check (the emulator's, which also refuses `throw`) rejects a bundle.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCode } from '../emulator/sandbox/check-code.ts';
import { MAX_CODE_LENGTH } from '../infra/api-limits.ts';
import { DATA_SOURCES } from '../resolvers/lib/data-sources.ts';
import { buildAppSyncSchema, readSchemaSource, SCHEMA_PATH } from './appsync-schema.ts';
import { bundleLambdas, type LambdaEntry } from './bundle-lambdas.ts';
import { bundleResolverModules, type ResolverModuleBundle } from './bundle-resolvers.ts';
import { writeSchemaTypes } from './bundle-schema-types.ts';
import { writeOutputs } from './bundle-output.ts';
import { BuildError, type BuildProblem } from './build-problems.ts';
import { discoverResolvers } from './discover-resolvers.ts';
import { writeSchemaFields } from './generate-schema-fields.ts';
import { PROJECT_ROOT } from './project-root.ts';
import { manifestOf, type DataSourceKind, type ResolverManifest } from './resolver-manifest.ts';

export { BuildError } from './build-problems.ts';

/** What `build()` does; every path defaults to the project's own. */
export interface BuildOptions {
  /** The folder of resolver modules (`Type.field.ts` files and pipeline folders). */
  readonly resolversDir?: string;
  /** The output folder: bundles go to `<outDir>/resolvers/`, Lambda handlers beside. */
  readonly outDir?: string;
  /** The schema the resolvers must match. */
  readonly schemaPath?: string;
  /** The data source of every module, keyed by its path under `resolversDir` without extension. */
  readonly dataSources?: Readonly<Record<string, DataSourceKind>>;
  /** Regenerate `policy/schema-fields.generated.ts` and `resolvers/lib/schema.generated.ts`. Default: true. */
  readonly generate?: boolean;
  /** The Lambda handlers to bundle; `[]` bundles none. Default: the authorizer and the trigger. */
  readonly lambdas?: readonly LambdaEntry[];
  /** The largest bundle accepted, in characters. Default: {@link MAX_CODE_LENGTH}. */
  readonly maxCodeLength?: number;
  /** Also lint the resolver sources with `@aws-appsync/eslint-plugin` (takes seconds). Default: false. */
  readonly lint?: boolean;
  /** Print what was written. Default: false. */
  readonly verbose?: boolean;
}

/** What `build()` wrote. */
export interface BuildResult {
  readonly manifest: ResolverManifest;
  /** Absolute path of `manifest.json`. */
  readonly manifestPath: string;
  /** The bundles, with their sizes. */
  readonly bundles: ReadonlyArray<{ readonly path: string; readonly length: number }>;
}

/** The project's Lambda handlers: source under the project, output under `outDir`. */
export const DEFAULT_LAMBDAS: readonly LambdaEntry[] = [
  { source: join(PROJECT_ROOT, 'authorizer', 'index.ts'), output: join('authorizer', 'index.mjs') },
  { source: join(PROJECT_ROOT, 'triggers', 'pre-token-generation.ts'), output: join('triggers', 'pre-token-generation.mjs') },
];

/**
 * Builds everything the CDK app and the emulator deploy or run. Throws a {@link BuildError}
 * listing every problem (each naming its file) and writes nothing when there is one.
 *
 * @example
 * await build(); // dist/resolvers/manifest.json, dist/authorizer/index.mjs, …
 * await build({ resolversDir: fixtures, outDir: tmp, generate: false, lambdas: [] });
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const resolversDir = options.resolversDir ?? join(PROJECT_ROOT, 'resolvers');
  const outDir = options.outDir ?? join(PROJECT_ROOT, 'dist');
  const schemaPath = options.schemaPath ?? SCHEMA_PATH;
  const maxCodeLength = options.maxCodeLength ?? MAX_CODE_LENGTH;

  if (options.generate ?? true) {
    writeSchemaFields();
    writeSchemaTypes();
  }
  const schema = buildAppSyncSchema(readSchemaSource(schemaPath));
  const discovered = discoverResolvers(resolversDir, schema, options.dataSources ?? DATA_SOURCES);
  const problems: BuildProblem[] = [...discovered.problems];
  if (options.lint === true) {
    // Loaded only when asked: ESLint and the TypeScript program cost seconds.
    const { lintResolvers } = await import('./bundle-lint.ts');
    problems.push(...(await lintResolvers(resolversDir)));
  }

  const bundles: ResolverModuleBundle[] = problems.length === 0 ? await bundleResolverModules(resolversDir, discovered.modules) : [];
  for (const bundle of bundles) problems.push(...checkBundle(bundle, maxCodeLength));
  if (problems.length > 0) throw new BuildError(problems);

  const manifest = manifestOf(discovered.resolvers);
  const lambdas = await bundleLambdas(options.lambdas ?? DEFAULT_LAMBDAS);
  const manifestPath = writeOutputs(outDir, bundles, manifest, lambdas);
  if (options.verbose === true) {
    for (const bundle of bundles) console.log(`  resolvers/${bundle.output}  ${bundle.code.length} chars`);
    for (const lambda of lambdas) console.log(`  ${lambda.output}  ${lambda.code.length} chars`);
  }
  return {
    manifest,
    manifestPath,
    bundles: bundles.map((bundle) => ({ path: join(outDir, 'resolvers', bundle.output), length: bundle.code.length })),
  };
}

/** The problems of one resolver bundle: its length, then what APPSYNC_JS would refuse in it. */
function checkBundle(bundle: ResolverModuleBundle, maxCodeLength: number): BuildProblem[] {
  const file = bundle.source;
  if (bundle.code.length > maxCodeLength) {
    return [{ file, message: `its bundle has ${bundle.code.length} characters; AppSync accepts at most ${maxCodeLength}. Move code out of it or split it into pipeline functions.` }];
  }
  return checkCode(bundle.code)
    .filter((error) => error.errorType !== 'CODE_SIZE_ERROR')
    .map((error) => ({
      file,
      message: `APPSYNC_JS refuses its bundle (dist/resolvers/${bundle.output}:${error.location.line}:${error.location.column}): ${error.value}`,
    }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  build({ verbose: process.argv.includes('--verbose'), lint: process.argv.includes('--lint') }).then(
    async (result) => {
      // `npm run build` (and so `npm start`) rebuilds the console too, so that an edited console
      // never runs from a stale bundle; imported here only, so that build() stays lean for the
      // CDK app and the tests.
      const { buildConsole } = await import('../emulator/console/index.ts');
      const consoleBuild = await buildConsole();
      console.log(
        `Built ${result.bundles.length} resolver bundles and ${result.manifestPath}, and the console (${consoleBuild.files.length} files), in ${Date.now() - started} ms.`,
      );
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
