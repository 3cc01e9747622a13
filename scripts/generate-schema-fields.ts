/**
 * Writes `policy/schema-fields.generated.ts`, the list of every object field of the schema.
 * The authorizer needs it to deny, by default, fields the rule table does not name.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildAppSyncSchema, objectFieldCoordinates } from './appsync-schema.ts';

/** Absolute path of the generated file. */
export const SCHEMA_FIELDS_PATH = fileURLToPath(new URL('../policy/schema-fields.generated.ts', import.meta.url));

/** The generated module's text for the current `schema.graphql`. */
export function renderSchemaFields(): string {
  const coordinates = objectFieldCoordinates(buildAppSyncSchema());
  return [
    '// Generated from schema.graphql by scripts/generate-schema-fields.ts (run by `npm run build`). Do not edit.',
    '',
    '/** Every field of every object type of `schema.graphql`, as `Type.field`. */',
    'export const SCHEMA_FIELDS: readonly string[] = [',
    ...coordinates.map((coordinate) => `  '${coordinate}',`),
    '];',
    '',
  ].join('\n');
}

/** Rewrites the generated file when the schema changed; returns whether it did. */
export function writeSchemaFields(): boolean {
  const next = renderSchemaFields();
  let current = '';
  try {
    current = readFileSync(SCHEMA_FIELDS_PATH, 'utf8');
  } catch {
    // First build: nothing generated yet.
  }
  if (current === next) return false;
  writeFileSync(SCHEMA_FIELDS_PATH, next);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeSchemaFields();
