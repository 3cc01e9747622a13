/**
 * The parts of the API that a rebuild replaces together: the schema, the resolver bundles and
 * the authorizer. Loaded as one set so a request never mixes two builds.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { SCHEMA_PATH } from '../scripts/appsync-schema.ts';
import { loadAuthorizer, type AuthorizerEnvironment, type AuthorizerHandler } from './auth/authorizer-host.ts';
import { buildExecutableSchema } from './graphql/executable-schema.ts';
import { loadResolverBundles, type ResolverBundles } from './resolvers/resolver-bundles.ts';

/** One consistent set. */
export interface ApiParts {
  readonly schema: GraphQLSchema;
  readonly bundles: ResolverBundles;
  readonly authorizer: AuthorizerHandler;
}

/** Where to load from. */
export interface ApiPartsSource {
  readonly distDir: string;
  readonly tableName: string;
  readonly authorizerEnv: AuthorizerEnvironment;
  /** Default: the project's `schema.graphql`. */
  readonly schemaPath?: string;
}

/**
 * @example
 * const parts = await loadApiParts({ distDir: 'dist', tableName: 'helpdesk', authorizerEnv });
 */
export async function loadApiParts(source: ApiPartsSource): Promise<ApiParts> {
  const manifestPath = join(source.distDir, 'resolvers', 'manifest.json');
  const authorizerPath = join(source.distDir, 'authorizer', 'index.mjs');
  for (const path of [manifestPath, authorizerPath]) {
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first (or start with build: true).`);
  }
  const schema = buildExecutableSchema(readFileSync(source.schemaPath ?? SCHEMA_PATH, 'utf8'));
  const [bundles, authorizer] = await Promise.all([
    loadResolverBundles(manifestPath, source.tableName),
    loadAuthorizer(authorizerPath, source.authorizerEnv),
  ]);
  return { schema, bundles, authorizer };
}
