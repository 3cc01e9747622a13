import { describe, expect, it } from 'vitest';
import { buildAppSyncSchema } from '../../scripts/appsync-schema.ts';
import { renderSchemaTypes } from '../../scripts/bundle-schema-types.ts';

describe('Build: schema types for resolvers', () => {
  it('renders enums, inputs, objects and field arguments with GraphQL nullability', () => {
    // Prepare
    const schema = buildAppSyncSchema(`
      type Query { item(id: ID!, tags: [String!]): Item }
      enum Color { RED GREEN }
      input ItemInput { name: String! at: AWSDateTime count: Int }
      type Item { id: ID! color: Color owner: AWSEmail! seen: AWSTimestamp }
    `);

    // Act
    const text = renderSchemaTypes(schema);

    // Assess
    expect(text).toContain('export interface QueryItemArgs {\n  id: string;\n  tags?: Array<string> | null;\n}');
    expect(text).toContain("export type Color = 'RED' | 'GREEN';");
    expect(text).toContain('export interface ItemInput {\n  name: string;\n  at?: string | null;\n  count?: number | null;\n}');
    expect(text).toContain('export interface Item {\n  id: string;\n  color: Color | null;\n  owner: string;\n  seen: number | null;\n}');
    expect(text).not.toContain('interface Query ');
  });
});
