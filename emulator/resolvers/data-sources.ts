/**
 * The one place data source kinds are registered: each kind the manifest format knows
 * (`DATA_SOURCE_KINDS` in `scripts/resolver-manifest.ts`) maps to its module. A new kind is one
 * module implementing `ResolverDataSource` plus one line here; the map is typed to cover every
 * kind, so a kind the manifest allows cannot be left without a module.
 */
import type { DataSource } from '../dynamodb/dynamodb-data-source.ts';
import type { DataSourceKind } from '../../scripts/resolver-manifest.ts';
import type { DataSourceRegistry, ResolverDataSource } from './data-source.ts';
import { NONE_DATA_SOURCE } from './none-data-source.ts';
import { tableDataSource } from './table-data-source.ts';

/** What the emulator's data sources are made from. */
export interface DataSourceParts {
  /** The DynamoDB table behind `TABLE`. */
  readonly table: DataSource;
}

const KINDS: Readonly<Record<DataSourceKind, (parts: DataSourceParts) => ResolverDataSource>> = {
  NONE: () => NONE_DATA_SOURCE,
  TABLE: (parts) => tableDataSource(parts.table),
};

/** One registry per table: requests reuse it instead of building one per field. */
const registries = new WeakMap<DataSource, DataSourceRegistry>();

/**
 * The registry of every kind, over the emulator's table.
 *
 * @example
 * const dataSources = emulatorDataSources({ table: createDynamoDbDataSource(tableContext) });
 * await runResolver(resolver, invocation, { runHandler, dataSources, appendError, log });
 */
export function emulatorDataSources(parts: DataSourceParts): DataSourceRegistry {
  const known = registries.get(parts.table);
  if (known !== undefined) return known;
  const registry: DataSourceRegistry = new Map(Object.entries(KINDS).map(([kind, create]) => [kind, create(parts)]));
  registries.set(parts.table, registry);
  return registry;
}
