import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSyncSchema } from '../../scripts/appsync-schema.ts';
import { renderSchemaTypes, SCHEMA_TYPES_PATH } from '../../scripts/bundle-schema-types.ts';
import type { ResolverManifest } from '../../scripts/resolver-manifest.ts';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

function readManifest(): ResolverManifest {
  return JSON.parse(readFileSync(join(DIST, 'resolvers', 'manifest.json'), 'utf8')) as ResolverManifest;
}

function bundlePaths(manifest: ResolverManifest): string[] {
  return manifest.resolvers.flatMap((resolver) => (resolver.kind === 'UNIT' ? [resolver.code] : [resolver.code, ...resolver.functions.map((fn) => fn.code)]));
}

describe('Build: the project', () => {
  it('resolves every Query, Mutation and Subscription field, and Ticket.comments', () => {
    // Prepare
    const schema = buildAppSyncSchema();
    const rootFields = ['Query', 'Mutation', 'Subscription'].flatMap((typeName) => {
      const type = schema.getType(typeName);
      return isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${typeName}.${field}`) : [];
    });

    // Act
    const resolved = readManifest().resolvers.map((resolver) => `${resolver.typeName}.${resolver.fieldName}`);

    // Assess
    expect(resolved.sort()).toEqual([...rootFields, 'Ticket.comments'].sort());
  });

  it('writes bundles within AppSync limits that import only @aws-appsync modules', () => {
    // Prepare
    const manifest = readManifest();

    // Act
    const bundles = bundlePaths(manifest).map((path) => ({ path, code: readFileSync(join(DIST, 'resolvers', path), 'utf8') }));

    // Assess
    for (const bundle of bundles) {
      expect(bundle.code.length, bundle.path).toBeLessThanOrEqual(32_768);
      const imports = [...bundle.code.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]);
      expect(imports.every((specifier) => specifier === '@aws-appsync/utils' || specifier === '@aws-appsync/utils/dynamodb'), bundle.path).toBe(true);
    }
  });

  it('declares the API environment variables the resolvers read', () => {
    // Act
    const manifest = readManifest();

    // Assess
    expect(manifest.environment).toEqual({ TABLE_NAME: 'TABLE' });
  });

  it('keeps the resolvers\' schema types generated from the current schema', () => {
    // Act
    const committed = readFileSync(SCHEMA_TYPES_PATH, 'utf8');

    // Assess
    expect(committed).toBe(renderSchemaTypes());
  });

  it('bundles the Lambda handlers as minified ESM', () => {
    // Act
    const handlers = ['authorizer/index.mjs', 'triggers/pre-token-generation.mjs'].map((path) => readFileSync(join(DIST, path), 'utf8'));

    // Assess
    for (const code of handlers) {
      expect(code).toMatch(/export\s*\{[^}]*handler/);
      expect(code.split('\n').length).toBeLessThan(20);
    }
  });
});
