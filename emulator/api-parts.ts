/**
 * The parts of the API that a rebuild replaces together: the schema, the resolver bundles, the
 * authorizer and the pre-token-generation trigger. Loaded as one set so a request never mixes
 * two builds, and held in one swappable holder that the other parts read per request.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
  /** The built trigger's `handler` (`dist/triggers/pre-token-generation.mjs`). */
  readonly trigger: (event: unknown, context: unknown, callback: unknown) => unknown;
}

let triggerLoads = 0;

async function loadTrigger(path: string): Promise<ApiParts['trigger']> {
  triggerLoads += 1;
  // A query string makes Node evaluate the rebuilt file instead of returning the cached module.
  const module = (await import(`${pathToFileURL(path).href}?v=${triggerLoads}-${Date.now()}`)) as { handler?: unknown };
  if (typeof module.handler !== 'function') throw new Error(`${path} exports no handler function`);
  return module.handler as ApiParts['trigger'];
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
  const triggerPath = join(source.distDir, 'triggers', 'pre-token-generation.mjs');
  for (const path of [manifestPath, authorizerPath, triggerPath]) {
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first (or start with build: true).`);
  }
  const schema = buildExecutableSchema(readFileSync(source.schemaPath ?? SCHEMA_PATH, 'utf8'));
  const [bundles, authorizer, trigger] = await Promise.all([
    loadResolverBundles(manifestPath, source.tableName),
    loadAuthorizer(authorizerPath, source.authorizerEnv),
    loadTrigger(triggerPath),
  ]);
  return { schema, bundles, authorizer, trigger };
}

/** The set in use, swapped whole by a reload. */
export interface ApiPartsHolder {
  /** The set in use. Throws before the first {@link ApiPartsHolder.load}. */
  current(): ApiParts;
  /** Loads a set from `source` and swaps it in; a failed load leaves the set in use. */
  load(source: ApiPartsSource): Promise<void>;
  /** Loads again from the last source (what the watcher does after a rebuild). */
  reload(): Promise<void>;
  /**
   * The current set's trigger, as one stable function: the user pool is created before the
   * set can load (the authorizer needs the pool's keys), and follows every swap through this.
   */
  readonly trigger: ApiParts['trigger'];
}

/**
 * @example
 * const api = createApiPartsHolder();
 * const pool = await createIdentityProvider({ inMemory: true, preTokenGeneration: api.trigger });
 * await api.load({ distDir: 'dist', tableName: 'helpdesk', authorizerEnv });
 * api.current().schema;
 */
export function createApiPartsHolder(): ApiPartsHolder {
  let parts: ApiParts | null = null;
  let lastSource: ApiPartsSource | null = null;
  const current = (): ApiParts => {
    if (parts === null) throw new Error('The emulator is still starting: the API parts are not loaded yet.');
    return parts;
  };
  return {
    current,
    async load(source) {
      parts = await loadApiParts(source);
      lastSource = source;
    },
    async reload() {
      if (lastSource === null) throw new Error('Nothing to reload: the API parts were never loaded.');
      parts = await loadApiParts(lastSource);
    },
    trigger: (event, context, callback) => current().trigger(event, context, callback),
  };
}
