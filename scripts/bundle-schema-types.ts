/**
 * Writes `resolvers/lib/schema.generated.ts`: TypeScript types of the schema's objects, enums,
 * inputs and field arguments, so that resolvers never describe the API by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLType,
  type GraphQLSchema,
} from 'graphql';
import { buildAppSyncSchema } from './appsync-schema.ts';

/** Absolute path of the generated file. */
export const SCHEMA_TYPES_PATH = fileURLToPath(new URL('../resolvers/lib/schema.generated.ts', import.meta.url));

const SCALARS: Readonly<Record<string, string>> = {
  ID: 'string',
  String: 'string',
  Int: 'number',
  Float: 'number',
  Boolean: 'boolean',
  AWSDate: 'string',
  AWSTime: 'string',
  AWSDateTime: 'string',
  AWSTimestamp: 'number',
  AWSEmail: 'string',
  AWSJSON: 'string',
  AWSURL: 'string',
  AWSPhone: 'string',
  AWSIPAddress: 'string',
};

function typeText(type: GraphQLType): string {
  if (isNonNullType(type)) return typeText(type.ofType).replace(/ \| null$/, '');
  if (isListType(type)) return `Array<${typeText(type.ofType)}> | null`;
  if (isScalarType(type)) return `${SCALARS[type.name] ?? 'unknown'} | null`;
  return `${type.name} | null`;
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function argumentLines(args: readonly GraphQLArgument[]): string[] {
  return args.map((arg) => {
    const optional = isNonNullType(arg.type) ? '' : '?';
    return `  ${arg.name}${optional}: ${typeText(arg.type)};`;
  });
}

/** The generated module's text for a schema. */
export function renderSchemaTypes(schema: GraphQLSchema = buildAppSyncSchema()): string {
  const out: string[] = [
    '// Generated from schema.graphql by scripts/bundle-schema-types.ts (run by `npm run build`). Do not edit.',
    '',
  ];
  const types = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));
  for (const type of types) {
    if (isEnumType(type)) {
      out.push(`export type ${type.name} = ${type.getValues().map((value) => `'${value.name}'`).join(' | ')};`, '');
    } else if (isInputObjectType(type)) {
      out.push(`export interface ${type.name} {`);
      for (const field of Object.values(type.getFields())) {
        const optional = isNonNullType(field.type) ? '' : '?';
        out.push(`  ${field.name}${optional}: ${typeText(field.type)};`);
      }
      out.push('}', '');
    } else if (isObjectType(type)) {
      const fields = Object.values(type.getFields());
      if (type.name !== 'Query' && type.name !== 'Mutation' && type.name !== 'Subscription') {
        out.push(`export interface ${type.name} {`);
        for (const field of fields) out.push(`  ${field.name}: ${typeText(field.type)};`);
        out.push('}', '');
      }
      for (const field of fields) {
        if (field.args.length === 0) continue;
        out.push(`export interface ${type.name}${capitalize(field.name)}Args {`, ...argumentLines(field.args), '}', '');
      }
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Rewrites the generated file when the schema changed; returns whether it did. */
export function writeSchemaTypes(path: string = SCHEMA_TYPES_PATH, schema?: GraphQLSchema): boolean {
  const next = renderSchemaTypes(schema);
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // First build: nothing generated yet.
  }
  if (current === next) return false;
  writeFileSync(path, next);
  return true;
}
